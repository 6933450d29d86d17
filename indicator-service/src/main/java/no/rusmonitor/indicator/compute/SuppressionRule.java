package no.rusmonitor.indicator.compute;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Small-number suppression over a set of totals and their parts.
 * <p>
 * Primary: a value with a person count under {@value #THRESHOLD} is hidden, and so is one without a value (a
 * denominator of 0) whose parts count that few: they are in its totals all the same. Secondary: for every
 * total that is shown, the withheld parts ({@link Cell#withheld()}) must not be recoverable as the total minus
 * the parts shown: at least
 * two parts must be hidden, and together they must count at least {@value #THRESHOLD} persons. While
 * that does not hold, the shown part with the smallest person count is hidden too (ties: lowest area
 * code); when no part is left to hide, the total itself is hidden. A hidden total whose parts are all
 * shown has its smallest part hidden. Groups are checked again until nothing changes, since hiding a part
 * of one group can expose another.
 * <p>
 * Only for an indicator that counts persons; one that counts none hides nothing, and its caller
 * ({@link YearComputation}) does not even build its groups.
 */
final class SuppressionRule {

    static final double THRESHOLD = 5;
    /** Which shown part is hidden next: the one counting fewest persons (ties: lowest area code, then size class, then borders). */
    static final Comparator<Cell> ORDER = Comparator.comparing((Cell c) -> c.personCount == null ? Double.MAX_VALUE : c.personCount)
            .thenComparing(c -> c.key.areaCode()).thenComparing(c -> c.sizeClass == null ? "" : c.sizeClass.code())
            .thenComparing(c -> c.key.borders());

    /** A total and the parts that add up to it (or to part of it). */
    record Group(Cell total, List<Cell> parts) {
    }

    private SuppressionRule() {
    }

    static void applyPrimary(List<Cell> cells) {
        for (Cell cell : cells) {
            if (cell.entered && cell.personCount != null && cell.personCount < THRESHOLD) {
                cell.suppression = Suppression.primary;
            }
        }
    }

    /** How many persons a numerator and denominator count (null: none). */
    @FunctionalInterface
    interface PersonCount {
        Double of(double numerator, double denominator);
    }

    static void applySecondary(List<Group> groups, PersonCount persons) {
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Group group : groups) {
                changed |= protect(group, persons);
            }
        }
    }

    private static boolean protect(Group group, PersonCount persons) {
        Cell total = group.total();
        if (!total.ok()) {
            return false;
        }
        if (total.suppression != Suppression.none) {
            return revealsHiddenTotal(group);
        }
        List<Cell> hidden = new ArrayList<>();
        for (Cell part : group.parts()) {
            if (part.withheld()) {
                hidden.add(part);
            }
        }
        if (hidden.isEmpty()) {
            return false;
        }
        boolean changed = false;
        while (!safe(hidden, persons)) {
            Cell next = group.parts().stream().filter(Cell::shown).min(ORDER).orElse(null);
            if (next == null) {
                total.suppression = Suppression.secondary;
                return true;
            }
            next.suppression = Suppression.secondary;
            hidden.add(next);
            changed = true;
        }
        return changed;
    }

    /**
     * A hidden total whose parts are all shown is their sum. Within one border system that cannot happen (a
     * total is hidden for its own small count, which makes each part's small too, or when every part is);
     * across them it can: a merged municipality hidden on today's borders, its predecessors shown as reported.
     * The smallest part is hidden then.
     */
    private static boolean revealsHiddenTotal(Group group) {
        Cell smallest = null;
        for (Cell part : group.parts()) {
            if (part.withheld()) {
                return false;
            }
            if (part.shown() && (smallest == null || ORDER.compare(part, smallest) < 0)) {
                smallest = part;
            }
        }
        if (smallest == null) {
            return false;
        }
        smallest.suppression = Suppression.secondary;
        return true;
    }

    private static boolean safe(List<Cell> hidden, PersonCount persons) {
        if (hidden.size() < 2) {
            return false;
        }
        double numerator = 0;
        double denominator = 0;
        for (Cell cell : hidden) {
            numerator += cell.numerator;
            denominator += cell.denominator;
        }
        Double count = persons.of(numerator, denominator);
        return count == null || count >= THRESHOLD;
    }
}
