package no.rusmonitor.indicator.compute;

import java.util.List;
import java.util.Objects;

/**
 * One value as computed, raw (suppression is a flag). {@link #sameStored} decides whether a
 * recomputation changed it: its figures ({@link #sameFigures}) or the definition version it was computed
 * with, which consumers show it under. The submission version is bookkeeping, not stored with the value
 * (the stored answers name it), so both leave it out.
 */
public record ComputedValue(ValueKey key, int definitionVersion, String goal, String unit, String areaName, Status status,
        MissingReason missingReason, Double value, Double numerator, Double denominator, double factor, Double personCount,
        Suppression suppressed, Integer reportingCount, Integer expectedCount, Spread spread, Spread publicSpread,
        List<SizeClassValue> sizeClasses, Integer submissionVersion) {

    public boolean sameFigures(ComputedValue other) {
        return other != null && key.equals(other.key) && Objects.equals(goal, other.goal) && Objects.equals(unit, other.unit)
                && Objects.equals(areaName, other.areaName) && status == other.status && missingReason == other.missingReason
                && Objects.equals(value, other.value) && Objects.equals(numerator, other.numerator)
                && Objects.equals(denominator, other.denominator) && factor == other.factor
                && Objects.equals(personCount, other.personCount) && suppressed == other.suppressed
                && Objects.equals(reportingCount, other.reportingCount) && Objects.equals(expectedCount, other.expectedCount)
                && Objects.equals(spread, other.spread) && Objects.equals(publicSpread, other.publicSpread)
                && Objects.equals(sizeClasses, other.sizeClasses);
    }

    /** Whether anything stored differs, the definition version included. */
    public boolean sameStored(ComputedValue other) {
        return sameFigures(other) && definitionVersion == other.definitionVersion;
    }

    /** This value with what {@code definition}'s version gives a value: the version, goal, unit and factor. */
    public ComputedValue withDefinitionOf(ComputedValue definition) {
        return new ComputedValue(key, definition.definitionVersion, definition.goal, definition.unit, areaName, status, missingReason, value,
                numerator, denominator, definition.factor, personCount, suppressed, reportingCount, expectedCount, spread, publicSpread,
                sizeClasses, submissionVersion);
    }

    public ComputedValue withSubmissionVersion(Integer version) {
        return new ComputedValue(key, definitionVersion, goal, unit, areaName, status, missingReason, value, numerator, denominator, factor,
                personCount, suppressed, reportingCount, expectedCount, spread, publicSpread, sizeClasses, version);
    }

    public boolean isOk() {
        return status == Status.ok;
    }
}
