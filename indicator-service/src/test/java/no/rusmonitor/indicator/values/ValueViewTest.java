package no.rusmonitor.indicator.values;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.compute.MissingReason;
import no.rusmonitor.indicator.compute.SizeClass;
import no.rusmonitor.indicator.compute.SizeClassValue;
import no.rusmonitor.indicator.compute.Status;
import no.rusmonitor.indicator.compute.Suppression;

/** What the public is shown of a value, and how the change log's JSON is read back. */
class ValueViewTest {

    private static ValueView value(Status status, MissingReason reason, Double value, Double numerator, Double denominator, Double personCount,
            List<SizeClassValue> sizeClasses) {
        return new ValueView("goal4.homeless_share", 1, "4", "percent", 2024, Level.municipality, "1101", "Eigersund", Borders.AS_REPORTED, status,
                reason, value, numerator, denominator, 100, personCount, Suppression.none, null, null, null, null, sizeClasses, 3, 2,
                Instant.parse("2024-11-01T10:00:00Z"));
    }

    /** A denominator of 0 leaves the value uncomputed and unchecked for small numbers: three homeless users must not show. */
    @Test
    void anUncomputedValueOnCountsOfPersonsShowsNoneOfItsParts() {
        ValueView shown = value(Status.missing, MissingReason.zero_denominator, null, 3.0, 0.0, 0.0, null).publicView();
        assertNull(shown.numerator());
        assertNull(shown.denominator());
        assertNull(shown.personCount());
    }

    @Test
    void aComputedValueAndOneOnNoPersonsKeepTheirParts() {
        ValueView ok = value(Status.ok, null, 6.0, 12.0, 200.0, 12.0, null).publicView();
        assertEquals(12.0, ok.numerator());
        assertEquals(200.0, ok.denominator());
        ValueView noPersons = value(Status.missing, MissingReason.zero_denominator, null, 3.0, 0.0, null, null).publicView();
        assertEquals(3.0, noPersons.numerator());
    }

    @Test
    void aSizeClassThatCouldNotBeComputedShowsNoParts() {
        SizeClassValue uncomputed = new SizeClassValue(SizeClass.values()[0], null, 2.0, 0.0, 1, Suppression.none);
        SizeClassValue computed = new SizeClassValue(SizeClass.values()[1], 10.0, 20.0, 200.0, 4, Suppression.none);
        ValueView shown = value(Status.ok, null, 6.0, 12.0, 200.0, 12.0, List.of(uncomputed, computed)).publicView();
        assertNull(shown.sizeClasses().get(0).numerator());
        assertEquals(20.0, shown.sizeClasses().get(1).numerator());
    }

    /** A field a newer instance added to the change log, read by this one during a rolling update, is passed over. */
    @Test
    void aFieldThisBuildDoesNotKnowIsPassedOver() throws Exception {
        ObjectMapper strict = new ObjectMapper().registerModule(new JavaTimeModule()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        String json = strict.writeValueAsString(value(Status.ok, null, 6.0, 12.0, 200.0, 12.0, null))
                .replaceFirst("\\{", "{\"addedLater\":{\"x\":1},");
        assertEquals(6.0, strict.readValue(json, ValueView.class).value());
    }
}
