package no.rusmonitor.indicator.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.ComputedValue;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.compute.Status;
import no.rusmonitor.indicator.compute.Suppression;
import no.rusmonitor.indicator.compute.ValueKey;
import no.rusmonitor.indicator.engine.StoredValue;
import no.rusmonitor.indicator.values.ValueView;

/** A change in both views: what the public sees of a value, and when that is the analysts' text itself. */
class ChangeTest {

    private final ObjectMapper mapper = new ObjectMapper().findAndRegisterModules();

    private static ValueView view(Suppression suppressed) {
        ComputedValue value = new ComputedValue(new ValueKey("goal3.plan", Level.municipality, "0301", Borders.AS_REPORTED, 2024), 1, "goal3",
                "percent", "Oslo", Status.ok, null, 42.0, 21.0, 50.0, 100.0, 21.0, suppressed, null, null, null, null, null, 3);
        return ValueView.of(new StoredValue(value, 2, Instant.parse("2026-02-01T00:00:00Z")));
    }

    @Test
    void aValueThatHidesNothingSharesTheAnalystsText() throws Exception {
        ValueView value = view(Suppression.none);
        String analystJson = mapper.writeValueAsString(value);

        Change change = Change.of(7, value, analystJson, mapper);

        assertSame(analystJson, change.publicJson(), "the same text, not a copy written again");
        assertEquals(mapper.writeValueAsString(value.publicView()), change.publicJson(), "and it is what the public view writes");
    }

    @Test
    void aSuppressedValueHasItsOwnPublicText() throws Exception {
        ValueView value = view(Suppression.primary);

        Change change = Change.of(8, value, mapper);

        assertNotEquals(change.analystJson(), change.publicJson());
        JsonNode analysts = mapper.readTree(change.analystJson());
        JsonNode everyone = mapper.readTree(change.publicJson());
        assertEquals(42.0, analysts.get("value").asDouble(), "analysts see the figure");
        assertTrue(everyone.get("value").isNull(), "the public does not");
        assertTrue(everyone.get("numerator").isNull());
        assertEquals("primary", everyone.get("suppressed").asText(), "but sees that it is suppressed");
    }
}
