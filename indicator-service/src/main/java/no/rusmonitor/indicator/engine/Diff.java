package no.rusmonitor.indicator.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.rusmonitor.indicator.compute.ComputedValue;
import no.rusmonitor.indicator.compute.ValueKey;
import no.rusmonitor.indicator.compute.YearCells;

/**
 * Compares recomputed values with the stored ones. A value whose figures changed, or whose definition
 * version moved once it has been published, is stored with the next revision and published: consumers show
 * a value with the names and decimals of the version it names. The rest is left alone (the submission
 * version a value names is not stored with it). A value that was never stored counts as missing, so a new
 * missing value is stored (revision 0) but not published, and so is such a value's next definition version.
 * <p>
 * A year's computation lists an indicator's values in the same order every time, so the stored values
 * are found by position in the list the last comparison returned ({@code previous}), and by key only
 * where that list is missing or does not line up. Looking each of a year's values up by key in a map of
 * every indicator's values was most of a submission's cost.
 */
final class Diff {

    private Diff() {
    }

    /**
     * Adds to {@code writes} what must be stored, and returns the values as stored afterwards, in the
     * order of {@code computed}: the {@code previous} of the next comparison of the same indicator and year.
     *
     * @param current  every stored value of the year, by key
     * @param previous what the last comparison of this indicator and year returned, if still accurate, else null
     */
    static List<StoredValue> into(List<ValueWrite> writes, Map<ValueKey, StoredValue> current, List<StoredValue> previous,
            List<ComputedValue> computed, Instant now) {
        boolean aligned = previous != null && previous.size() == computed.size();
        List<StoredValue> after = new ArrayList<>(computed.size());
        for (int i = 0; i < computed.size(); i++) {
            ComputedValue value = computed.get(i);
            after.add(compare(writes, stored(current, aligned ? previous.get(i) : null, value.key()), value, now));
        }
        return after;
    }

    /**
     * The same comparison after a submission, which changed the inputs of the municipalities {@code changed}
     * only. Any other municipality's value has the inputs it had when {@code previous} was compared, so it
     * comes out as stored unless its suppression moved (hiding a part can hide another): such values are
     * neither built nor compared. Counties and the country always are. Without {@code previous} (the first
     * comparison since the year was read), every value is.
     */
    static List<StoredValue> into(List<ValueWrite> writes, Map<ValueKey, StoredValue> current, List<StoredValue> previous, YearCells cells,
            Set<String> changed, Instant now) {
        if (previous == null || previous.size() != cells.size()) {
            return into(writes, current, previous, cells.values(), now);
        }
        List<StoredValue> after = new ArrayList<>(previous);
        for (int i = 0; i < cells.size(); i++) {
            StoredValue old = stored(current, previous.get(i), cells.key(i));
            if (old != null && !cells.isAggregate(i) && old.value().suppressed() == cells.suppressed(i) && !cells.takesFrom(i, changed)) {
                after.set(i, old);
            } else {
                after.set(i, compare(writes, old, cells.value(i), now));
            }
        }
        return after;
    }

    /** The stored value of {@code key}: {@code candidate} (found by position) when it is that value's. */
    private static StoredValue stored(Map<ValueKey, StoredValue> current, StoredValue candidate, ValueKey key) {
        return candidate != null && candidate.value().key().equals(key) ? candidate : current.get(key);
    }

    /** Adds the write {@code value} needs, if any, and returns the value as stored afterwards. */
    private static StoredValue compare(List<ValueWrite> writes, StoredValue old, ComputedValue value, Instant now) {
        StoredValue stored = old;
        if (old == null) {
            boolean changed = value.isOk();
            stored = new StoredValue(value, changed ? 1 : 0, now);
            writes.add(new ValueWrite(stored, changed));
        } else if (old.revision() == 0 && !value.isOk()) {
            // Missing and never published (revision 0 is only ever a missing value): published when its figures
            // move, but a new version's goal, unit or factor gives a consumer nothing to show, so it is stored quietly.
            if (!value.sameFigures(old.value().withDefinitionOf(value))) {
                stored = new StoredValue(value, 1, now);
                writes.add(new ValueWrite(stored, true));
            } else if (!value.sameStored(old.value())) {
                stored = new StoredValue(value, 0, now);
                writes.add(new ValueWrite(stored, false));
            }
        } else if (!value.sameStored(old.value())) {
            // Its figures, or the definition version of a value consumers have: a version that only renames or
            // rescales is published with every such value, so that consumers show each under its own version.
            stored = new StoredValue(value, old.revision() + 1, now);
            writes.add(new ValueWrite(stored, true));
        }
        return stored;
    }

    /** For the paths that keep no order (rebuild, new definition versions). */
    static void into(List<ValueWrite> writes, Map<ValueKey, StoredValue> current, List<ComputedValue> computed, Instant now) {
        into(writes, current, null, computed, now);
    }
}
