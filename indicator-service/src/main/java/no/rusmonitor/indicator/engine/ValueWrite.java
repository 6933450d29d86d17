package no.rusmonitor.indicator.engine;

/**
 * A value to store; {@code changed} when its figures differ from before, so that it is published;
 * {@code versionOnly} when only the submission version it names (and when it was computed) moved, so that
 * only those columns need writing.
 */
record ValueWrite(StoredValue stored, boolean changed, boolean versionOnly) {

    ValueWrite(StoredValue stored, boolean changed) {
        this(stored, changed, false);
    }

    static ValueWrite versionOnly(StoredValue stored) {
        return new ValueWrite(stored, false, true);
    }
}
