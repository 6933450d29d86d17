package no.rusmonitor.indicator.engine;

/** A value to store; {@code changed} when its figures differ from before, so that it is published. */
record ValueWrite(StoredValue stored, boolean changed) {
}
