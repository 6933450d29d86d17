package no.rusmonitor.indicator.compute;

/**
 * Small-number suppression of a value for public readers. {@code primary}: built on fewer than five
 * persons. {@code secondary}: hidden so that a primary-suppressed value cannot be recovered from a total
 * minus the values shown beside it.
 */
public enum Suppression {
    none, primary, secondary
}
