package no.rusmonitor.indicator.definition;

/**
 * Which parts of an indicator count persons (users of the services). The smallest of them is the
 * value's person count, and a value built on fewer than five persons is suppressed for the public.
 */
public enum PersonCountPart {
    numerator, denominator
}
