package no.rusmonitor.indicator.compute;

/**
 * What one municipality adds to an indicator in a year: its numerator, denominator and person count,
 * or, when it does not enter the sums, why not.
 */
public record Contribution(boolean entered, MissingReason reason, double numerator, double denominator, Double personCount) {

    public static Contribution missing(MissingReason reason) {
        return new Contribution(false, reason, 0, 0, null);
    }

    public static Contribution of(double numerator, double denominator, Double personCount) {
        return new Contribution(true, null, numerator, denominator, personCount);
    }
}
