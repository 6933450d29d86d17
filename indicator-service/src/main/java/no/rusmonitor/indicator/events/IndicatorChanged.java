package no.rusmonitor.indicator.events;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import no.rusmonitor.indicator.compute.ComputedValue;
import no.rusmonitor.indicator.compute.SizeClassValue;
import no.rusmonitor.indicator.compute.Spread;
import no.rusmonitor.indicator.engine.StoredValue;

/**
 * The data of a {@code no.rusmonitor.indicator.changed.v1} event (docs/events/indicator-changed-v1.schema.json):
 * one changed value, raw, with its suppression flag.
 *
 * @param publicSpread the spread without the values that are hidden from the public (an optional field
 *                     beside those of the first contract; consumers that show spreads publicly use it)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IndicatorChanged(String indicatorId, int definitionVersion, String goal, String unit, int year, String level,
        String areaCode, String areaName, String borders, String status, String missingReason,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double value,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double numerator,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double denominator,
        double factor,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double personCount,
        String suppressed, Integer reportingCount, Integer expectedCount, Spread spread, Spread publicSpread,
        List<SizeClassValue> sizeClasses, Integer submissionVersion, int revision, Instant computedAt) {

    public static final String TYPE = "no.rusmonitor.indicator.changed.v1";
    public static final String SCHEMA = "https://rusmonitor.no/schemas/events/indicator-changed-v1.json";
    public static final String SOURCE = "urn:rusmonitor:indicator-service";

    public static IndicatorChanged of(StoredValue stored) {
        ComputedValue v = stored.value();
        return new IndicatorChanged(v.key().indicatorId(), v.definitionVersion(), v.goal(), v.unit(), v.key().year(),
                v.key().level().name(), v.key().areaCode(), v.areaName(), v.key().borders().code(), v.status().name(),
                v.missingReason() == null ? null : v.missingReason().name(), v.value(), v.numerator(), v.denominator(), v.factor(),
                v.personCount(), v.suppressed().name(), v.reportingCount(), v.expectedCount(), v.spread(), v.publicSpread(),
                v.sizeClasses(), v.submissionVersion(), stored.revision(), stored.computedAt());
    }
}
