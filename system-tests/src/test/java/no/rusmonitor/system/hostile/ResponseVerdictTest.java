package no.rusmonitor.system.hostile;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;

import org.junit.jupiter.api.Test;

/**
 * Which requests may be refused by Vert.x with a bare 400 (no problem+json): only those HTTP's grammar does not
 * allow. A well-formed request with hostile content reaches the service, and its refusal must be problem+json.
 */
class ResponseVerdictTest {

    @Test
    void aRequestTheGrammarForbidsMayGetABare400() {
        assertTrue(ResponseVerdict.breaksHttpGrammar(RawRequest.of("GET", "/api/areas/municipality/03\u000001/values")), "NUL in the target");
        assertTrue(ResponseVerdict.breaksHttpGrammar(RawRequest.of("GET", "/api/areas/..\\..\\etc")), "a backslash");
        assertTrue(ResponseVerdict.breaksHttpGrammar(RawRequest.of("GET", "/api/areas?level=%zz")), "a broken percent-encoding");
        assertTrue(ResponseVerdict.breaksHttpGrammar(RawRequest.of("GET", "/api/areas?level=%")), "a lone percent sign");
        assertTrue(ResponseVerdict.breaksHttpGrammar(RawRequest.of("GET", "/api/areas?level=%C3%28")), "percent-encoded bytes not UTF-8");
        assertTrue(ResponseVerdict.breaksHttpGrammar(new RawRequest("GET", "/api/areas/m\u00e5".getBytes(StandardCharsets.UTF_8),
                new ArrayList<>(), null, false)), "a raw byte above 0x7E");
        assertTrue(ResponseVerdict.breaksHttpGrammar(RawRequest.of("GET", "/api/areas").header("X-Test", "a\r\nInjected: 1")), "CR LF in a header");
    }

    @Test
    void aWellFormedRequestWithHostileContentMustBeAnsweredByTheService() {
        assertFalse(ResponseVerdict.breaksHttpGrammar(RawRequest.of("GET", "/api/areas?level=%27%20OR%201%3D1--")), "SQL, percent-encoded");
        assertFalse(ResponseVerdict.breaksHttpGrammar(RawRequest.of("GET", "/api/areas/municipality/%2e%2e%2fetc/values")), "an encoded traversal");
        assertFalse(ResponseVerdict.breaksHttpGrammar(RawRequest.of("GET", "/api/areas?name=Troms%C3%B8")), "UTF-8, percent-encoded");
        assertFalse(ResponseVerdict.breaksHttpGrammar(RawRequest.of("GET", "/api/areas").header("X-Test", "${jndi:ldap://x/a}\tb")),
                "a header with a tab and a template");
        assertFalse(ResponseVerdict.breaksHttpGrammar(RawRequest.of("GET", "/api/areas").header("Accept-Language", "nb-NO, sm\u00e5")),
                "bytes above 0x7F in a header (obs-text)");
    }
}
