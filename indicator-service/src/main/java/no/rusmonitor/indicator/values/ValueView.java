package no.rusmonitor.indicator.values;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.ComputedValue;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.compute.MissingReason;
import no.rusmonitor.indicator.compute.SizeClassValue;
import no.rusmonitor.indicator.compute.Spread;
import no.rusmonitor.indicator.compute.Status;
import no.rusmonitor.indicator.compute.Suppression;
import no.rusmonitor.indicator.engine.StoredValue;

/**
 * One indicator value as the API and the live stream show it. Analysts see it raw; everyone else sees
 * {@link #publicView()}: a suppressed value has no numbers, and the spread leaves hidden values out.
 * <p>
 * The analysts' view is also the data of the {@code no.rusmonitor.indicator.changed.v1} event
 * (docs/events/indicator-changed-v1.schema.json): the change log keeps its JSON, and the outbox relay sends
 * that text as it is (events/ChangeLogOutbox). So a field may be added here, as the contract allows, but
 * never renamed or removed; and a field this build does not know is passed over when the change log is read
 * back for the stream, as one a newer instance wrote during a rolling update would be.
 *
 * @param publicSpread analysts only: the spread the public sees
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ValueView(String indicatorId, int definitionVersion, String goal, String unit, int year, Level level, String areaCode,
        String areaName, Borders borders, Status status, MissingReason missingReason,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double value,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double numerator,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double denominator,
        double factor, Double personCount, Suppression suppressed, Integer reportingCount, Integer expectedCount, Spread spread,
        Spread publicSpread, List<SizeClassValue> sizeClasses, Integer submissionVersion, int revision, Instant computedAt) {

    public static ValueView of(StoredValue stored) {
        ComputedValue v = stored.value();
        return new ValueView(v.key().indicatorId(), v.definitionVersion(), v.goal(), v.unit(), v.key().year(), v.key().level(),
                v.key().areaCode(), v.areaName(), v.key().borders(), v.status(), v.missingReason(), v.value(), v.numerator(),
                v.denominator(), v.factor(), v.personCount(), v.suppressed(), v.reportingCount(), v.expectedCount(), v.spread(),
                v.publicSpread(), v.sizeClasses(), v.submissionVersion(), stored.revision(), stored.computedAt());
    }

    /** A value that was never computed: the area has not reported (or there is nothing to compute from yet). */
    public static ValueView notReported(String indicatorId, int definitionVersion, String goal, String unit, int year, Level level,
            String areaCode, String areaName, Borders borders, double factor) {
        return new ValueView(indicatorId, definitionVersion, goal, unit, year, level, areaCode, areaName, borders, Status.missing,
                MissingReason.not_reported, null, null, null, factor, null, Suppression.none, null, null, null, null, null, null, 0, null);
    }

    public boolean hidden() {
        return suppressed != null && suppressed != Suppression.none;
    }

    /**
     * What a reader without the analyst role sees. A value that could not be computed (a denominator of 0, say)
     * shows none of its parts on an indicator on counts of persons: its numerator could be the two persons
     * suppression exists to hide. Suppression counts such a value as withheld (compute/Cell#withheld), so its
     * totals do not give those parts away either.
     */
    public ValueView publicView() {
        boolean hide = hidden() || (status != Status.ok && personCount != null);
        List<SizeClassValue> classes = sizeClasses == null ? null : sizeClasses.stream().map(SizeClassValue::publicView).toList();
        return new ValueView(indicatorId, definitionVersion, goal, unit, year, level, areaCode, areaName, borders, status, missingReason,
                hide ? null : value, hide ? null : numerator, hide ? null : denominator, factor, hide ? null : personCount, suppressed,
                reportingCount, expectedCount, publicSpread, null, classes, submissionVersion, revision, computedAt);
    }
}
