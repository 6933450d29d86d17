package no.rusmonitor.report.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.report.render.Format;

class NegotiationTest {

    @Test
    void theExtensionWinsOverAccept() {
        assertEquals(Format.pdf, Negotiation.format(".pdf", "text/html"));
        assertEquals(Format.csv, Negotiation.format(".CSV", null));
        assertEquals(404, assertThrows(ApiException.class, () -> Negotiation.format(".docx", null)).problem().status());
    }

    @Test
    void acceptIsWeighedBySpecificityAndQuality() {
        assertEquals(Format.json, Negotiation.format("", null));
        assertEquals(Format.json, Negotiation.format("", "*/*"));
        assertEquals(Format.html, Negotiation.format("", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
        assertEquals(Format.csv, Negotiation.format("", "application/pdf;q=0.5, text/csv"));
        assertEquals(Format.html, Negotiation.format("", "text/*"));
        assertEquals(Format.pdf, Negotiation.format("", "application/pdf, */*;q=0"));
        assertEquals(406, assertThrows(ApiException.class, () -> Negotiation.format("", "image/png")).problem().status());
        assertEquals(406, assertThrows(ApiException.class, () -> Negotiation.format("", "application/json;q=0")).problem().status());
    }

    @Test
    void languageByParameterThenAcceptLanguageThenBokmaal() {
        assertEquals("en", Negotiation.language("en", "nb"));
        assertEquals("nb", Negotiation.language("no", null));
        assertEquals("en", Negotiation.language(null, "en-GB,en;q=0.9,nb;q=0.8"));
        assertEquals("nb", Negotiation.language(null, "nn-NO, en;q=0.5"));
        assertEquals("nb", Negotiation.language(null, "de, fr;q=0.5"));
        assertEquals("nb", Negotiation.language(null, null));
        assertEquals(400, assertThrows(ApiException.class, () -> Negotiation.language("de", null)).problem().status());
    }

    @Test
    void separatorsAloneAreNoPreference() {
        assertEquals(400, assertThrows(ApiException.class, () -> Negotiation.language("-", null)).problem().status());
        assertEquals(400, assertThrows(ApiException.class, () -> Negotiation.language("_en", null)).problem().status());
        assertEquals("nb", Negotiation.language(null, "-"));
        assertEquals("nb", Negotiation.language(null, ";"));
        assertEquals("en", Negotiation.language(null, "-, ;q=1, en"));
        assertEquals(406, assertThrows(ApiException.class, () -> Negotiation.format("", ";")).problem().status());
        assertEquals(406, assertThrows(ApiException.class, () -> Negotiation.format("", ";;;, ,")).problem().status());
    }
}
