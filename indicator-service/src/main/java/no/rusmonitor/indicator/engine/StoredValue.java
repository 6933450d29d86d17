package no.rusmonitor.indicator.engine;

import java.time.Instant;

import no.rusmonitor.indicator.compute.ComputedValue;

/** A value as stored: what was computed, how many times it changed, and when it was last computed. */
public record StoredValue(ComputedValue value, int revision, Instant computedAt) {
}
