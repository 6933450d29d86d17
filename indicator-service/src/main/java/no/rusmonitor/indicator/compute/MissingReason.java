package no.rusmonitor.indicator.compute;

/** Why a value is missing. */
public enum MissingReason {
    /** The area did not report, or did not answer a question the formulas use. */
    not_reported,
    /** Reported, but the denominator is zero. */
    zero_denominator,
    /** On today's borders: a predecessor was split, so summing cannot give today's area; never guessed. */
    split_before_today,
    /** The formula needs the population, and the reference data has none for that municipality and year. */
    no_population
}
