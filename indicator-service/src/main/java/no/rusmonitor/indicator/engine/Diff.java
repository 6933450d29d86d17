package no.rusmonitor.indicator.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import no.rusmonitor.indicator.compute.ComputedValue;
import no.rusmonitor.indicator.compute.ValueKey;

/**
 * Compares recomputed values with the stored ones. A value whose figures changed is stored with the
 * next revision and published; one whose figures are the same but whose bookkeeping (definition or
 * submission version) moved is stored quietly; the rest is left alone. A value that was never stored
 * counts as missing, so a new missing value is stored (revision 0) but not published.
 */
final class Diff {

    private Diff() {
    }

    static void into(List<ValueWrite> writes, Map<ValueKey, StoredValue> current, List<ComputedValue> computed, Instant now) {
        for (ComputedValue value : computed) {
            StoredValue old = current.get(value.key());
            if (old == null) {
                boolean changed = value.isOk();
                writes.add(new ValueWrite(new StoredValue(value, changed ? 1 : 0, now), changed));
            } else if (!value.sameFigures(old.value())) {
                writes.add(new ValueWrite(new StoredValue(value, old.revision() + 1, now), true));
            } else if (!value.sameStored(old.value())) {
                writes.add(new ValueWrite(new StoredValue(value, old.revision(), now), false));
            }
        }
    }
}
