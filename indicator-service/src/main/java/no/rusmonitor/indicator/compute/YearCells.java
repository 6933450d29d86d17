package no.rusmonitor.indicator.compute;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Set;

import no.rusmonitor.reference.BorderMapping;

/**
 * One indicator's year as computed (sums, statuses and suppression decided), in the order of its values:
 * the municipalities as reported, then the counties and the country, then the same on today's borders.
 * A value is built only when asked for: a submission changes the inputs of a few municipalities, and
 * building and comparing the other few hundred values of the year, which come out as they were, took
 * about a quarter of the engine thread's time in a profile at 100 submissions a second.
 */
public final class YearCells {

    private final CompiledIndicator indicator;
    private final YearGeography geography;
    private final List<Cell> cells = new ArrayList<>();
    /** The positions of the counties and the country. */
    private final BitSet aggregates = new BitSet();

    YearCells(CompiledIndicator indicator, YearGeography geography) {
        this.indicator = indicator;
        this.geography = geography;
    }

    void add(List<Cell> more, boolean aggregates) {
        if (aggregates) {
            this.aggregates.set(cells.size(), cells.size() + more.size());
        }
        cells.addAll(more);
    }

    public int size() {
        return cells.size();
    }

    public ValueKey key(int i) {
        return cells.get(i).key;
    }

    /** A county or the country (its value also holds a spread and size classes over its municipalities). */
    public boolean isAggregate(int i) {
        return aggregates.get(i);
    }

    /** The suppression the value at {@code i} carries. */
    public Suppression suppressed(int i) {
        Cell cell = cells.get(i);
        return cell.ok() ? cell.suppression : Suppression.none;
    }

    /**
     * Whether the municipality at {@code i} takes its figures from any of {@code codes} (municipalities valid
     * in the year): as reported, when it is one of them; on today's borders, when one of them is among its
     * predecessors. Aggregates take theirs from many and are not asked.
     */
    public boolean takesFrom(int i, Set<String> codes) {
        ValueKey key = cells.get(i).key;
        if (key.borders() == Borders.AS_REPORTED) {
            return codes.contains(key.areaCode());
        }
        BorderMapping mapping = geography.today.get(key.areaCode());
        if (mapping != null) {
            for (String predecessor : mapping.predecessors()) {
                if (codes.contains(predecessor)) {
                    return true;
                }
            }
        }
        return false;
    }

    public ComputedValue value(int i) {
        return YearComputation.toValue(indicator, cells.get(i), isAggregate(i));
    }

    /** Every value, in order. */
    public List<ComputedValue> values() {
        List<ComputedValue> values = new ArrayList<>(cells.size());
        for (int i = 0; i < cells.size(); i++) {
            values.add(value(i));
        }
        return values;
    }
}
