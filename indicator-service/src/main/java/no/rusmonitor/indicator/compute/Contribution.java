package no.rusmonitor.indicator.compute;

/**
 * What one municipality adds to an indicator in a year: its numerator, denominator and person count,
 * or, when it does not enter the sums, why not.
 */
public record Contribution(boolean entered, MissingReason reason, double numerator, double denominator, Double personCount,
        boolean submitted) {

    /** One per reason: a year's computation asks for one for every municipality that did not report. */
    private static final Contribution[] MISSING = new Contribution[MissingReason.values().length];

    static {
        for (MissingReason reason : MissingReason.values()) {
            MISSING[reason.ordinal()] = new Contribution(false, reason, 0, 0, null, false);
        }
    }

    public static Contribution missing(MissingReason reason) {
        return MISSING[reason.ordinal()];
    }

    /** What a municipality that submitted adds. */
    public static Contribution of(double numerator, double denominator, Double personCount) {
        return new Contribution(true, null, numerator, denominator, personCount, true);
    }

    /**
     * What an expected municipality adds to a {@code sum_over_expected} indicator, submitted or not; only one
     * that submitted counts as reporting.
     */
    public static Contribution expected(double numerator, double denominator, Double personCount, boolean submitted) {
        return new Contribution(true, null, numerator, denominator, personCount, submitted);
    }
}
