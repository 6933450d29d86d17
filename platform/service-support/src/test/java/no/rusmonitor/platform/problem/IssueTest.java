package no.rusmonitor.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IssueTest {

    @Test
    void aQuotedValueIsPrintableAsciiOfAtMostAHundredCharacters() {
        assertEquals("0301", Issue.quote("0301"));
        assertEquals("a?b??c?", Issue.quote("a\u0000b\r\nc\u00e6"));
        assertEquals("x".repeat(100) + "...", Issue.quote("x".repeat(65_536)));
        assertEquals("", Issue.quote(null));
    }

    @Test
    void aPointerTokenEscapesTildeAndSlash() {
        assertEquals("a~1b~0c", Issue.token("a/b~c"));
    }
}
