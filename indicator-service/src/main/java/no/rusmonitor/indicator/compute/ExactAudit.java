package no.rusmonitor.indicator.compute;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a reader can work out exactly from all that a year publishes, on both border systems at once: the
 * last check of secondary suppression, after the groups of {@link SuppressionRule} have had their way.
 * <p>
 * Every figure of a year is a sum of what municipalities reported, as reported: a county its members', a
 * municipality on today's borders its predecessors', a county on today's borders what its sources reported, a
 * size class its members'. With the figures of the municipalities shown known, each figure shown is a linear
 * equation in the hidden ones, and a hidden figure is given away when its own sum is a combination of those
 * equations. The groups check one sum at a time; a combination can take three: in 2019 Sogn og Fjordane plus
 * Hordaland as reported, minus Vestland on today's borders, is Hornindal, which moved to Møre og Romsdal.
 * The equations are solved exactly, modulo a prime, for numerators and denominators alike (the same sums).
 * Hidden means withheld ({@link Cell#withheld()}): a figure without a value (a denominator of 0) publishes no
 * parts either, so it is an unknown too, and one to protect when its parts count fewer than five persons.
 * <p>
 * Hidden municipalities that appear in exactly the same equations can only ever be known as their sum, so they
 * are one unknown: that keeps the system small (about a hundred unknowns where a year with the demo data
 * hides nearly three hundred municipalities).
 */
final class ExactAudit {

    private static final long P = 2_147_483_647L;

    private final List<Cell> units;
    private final List<Cell> everything;
    private final Map<Cell, BitSet> sources;
    /** The figures other than the municipalities as reported that entered: each an equation while shown. */
    private final List<Cell> sums = new ArrayList<>();

    /**
     * @param units      the municipalities as reported, one bit each in {@code sources}, in that order
     * @param everything every figure of the year, on both border systems
     * @param sources    for each figure that entered, the municipalities as reported whose figures it adds
     */
    ExactAudit(List<Cell> units, List<Cell> everything, Map<Cell, BitSet> sources) {
        this.units = units;
        this.everything = everything;
        this.sources = sources;
        Map<Cell, Boolean> isUnit = new IdentityHashMap<>();
        units.forEach(u -> isUnit.put(u, true));
        for (Cell cell : everything) {
            // A municipality as reported is a known term or an unknown, not an equation.
            if (cell.entered && !isUnit.containsKey(cell)) {
                sums.add(cell);
            }
        }
    }

    /**
     * The figures to hide next because hidden ones for their own small count can be worked out (none when none
     * can): for each such one, of the figures the reader's combination uses, the one that counts fewest persons,
     * unless a figure chosen for another is among them.
     */
    List<Cell> toHide() {
        BitSet hidden = new BitSet();
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).withheld()) {
                hidden.set(i);
            }
        }
        List<Cell> equations = new ArrayList<>();
        List<BitSet> unknownsOf = new ArrayList<>();
        for (Cell cell : sums) {
            if (!cell.shown() || !sources.get(cell).intersects(hidden)) {
                continue;
            }
            BitSet unknowns = (BitSet) sources.get(cell).clone();
            unknowns.and(hidden);
            if (!unknowns.isEmpty()) {
                equations.add(cell);
                unknownsOf.add(unknowns);
            }
        }
        // One unknown per set of hidden municipalities found in the same equations.
        Map<BitSet, Integer> columnOfSignature = new HashMap<>();
        int[] column = new int[units.size()];
        int[] columnSize = new int[hidden.cardinality()];
        int columns = 0;
        BitSet[] signatures = new BitSet[units.size()];
        for (int e = 0; e < equations.size(); e++) {
            BitSet unknowns = unknownsOf.get(e);
            for (int i = unknowns.nextSetBit(0); i >= 0; i = unknowns.nextSetBit(i + 1)) {
                if (signatures[i] == null) {
                    signatures[i] = new BitSet();
                }
                signatures[i].set(e);
            }
        }
        List<BitSet> columnSignatures = new ArrayList<>();
        for (int i = hidden.nextSetBit(0); i >= 0; i = hidden.nextSetBit(i + 1)) {
            BitSet signature = signatures[i] == null ? new BitSet() : signatures[i];
            Integer c = columnOfSignature.get(signature);
            if (c == null) {
                c = columns++;
                columnOfSignature.put(signature, c);
                columnSignatures.add(signature);
            }
            column[i] = c;
            columnSize[c]++;
        }
        long[][] rows = new long[equations.size()][columns];
        for (int c = 0; c < columns; c++) {
            BitSet signature = columnSignatures.get(c);
            for (int e = signature.nextSetBit(0); e >= 0; e = signature.nextSetBit(e + 1)) {
                rows[e][c] = 1;
            }
        }
        List<Cell> targets = new ArrayList<>();
        List<long[]> wanted = new ArrayList<>();
        for (Cell target : everything) {
            long[] sum = target.entered && target.suppression == Suppression.primary ? target(sources.get(target), hidden, column, columnSize, columns) : null;
            if (sum != null) {
                targets.add(target);
                wanted.add(sum);
            }
        }
        // Mostly nothing is given away: that is found without keeping track of the combinations, at half the cost.
        Elimination quick = eliminate(rows, columns, false);
        if (wanted.stream().noneMatch(quick::gives)) {
            return List.of();
        }
        Elimination system = eliminate(rows, columns, true);
        List<Cell> chosen = new ArrayList<>();
        for (int t = 0; t < targets.size(); t++) {
            long[] combination = system.combinationGiving(wanted.get(t));
            if (combination == null) {
                continue;
            }
            List<Cell> used = used(targets.get(t), hidden, equations, combination);
            // A figure chosen for another target that this combination uses breaks it too; else its cheapest.
            if (used.stream().noneMatch(chosen::contains)) {
                used.stream().min(SuppressionRule.ORDER).ifPresent(chosen::add);
            }
        }
        return chosen;
    }

    private static Elimination eliminate(long[][] rows, int columns, boolean tracking) {
        Elimination system = new Elimination(columns, tracking ? rows.length : 0);
        for (int e = 0; e < rows.length; e++) {
            system.add(rows[e].clone(), e);
        }
        return system;
    }

    /** The target's sum over the unknowns, or null when it splits one (which no combination can then give). */
    private static long[] target(BitSet of, BitSet hidden, int[] column, int[] columnSize, int columns) {
        long[] wanted = new long[columns];
        for (int i = of.nextSetBit(0); i >= 0; i = of.nextSetBit(i + 1)) {
            if (hidden.get(i)) {
                wanted[column[i]]++;
            }
        }
        for (int c = 0; c < wanted.length; c++) {
            if (wanted[c] != 0) {
                if (wanted[c] != columnSize[c]) {
                    return null;
                }
                wanted[c] = 1;
            }
        }
        return wanted;
    }

    /**
     * What the reader's combination uses and can be hidden: the equations it takes, and the municipalities shown
     * whose figures it needs (those that do not cancel out).
     */
    private List<Cell> used(Cell target, BitSet hidden, List<Cell> equations, long[] combination) {
        long[] weight = new long[units.size()];
        BitSet own = sources.get(target);
        for (int i = own.nextSetBit(0); i >= 0; i = own.nextSetBit(i + 1)) {
            weight[i] = 1;
        }
        List<Cell> used = new ArrayList<>();
        for (int e = 0; e < combination.length; e++) {
            if (combination[e] == 0) {
                continue;
            }
            Cell equation = equations.get(e);
            used.add(equation); // shown, as every equation is
            BitSet of = sources.get(equation);
            for (int i = of.nextSetBit(0); i >= 0; i = of.nextSetBit(i + 1)) {
                weight[i] = (weight[i] - combination[e] + P) % P;
            }
        }
        for (int i = 0; i < weight.length; i++) {
            if (weight[i] != 0 && !hidden.get(i) && units.get(i).shown()) {
                used.add(units.get(i));
            }
        }
        return used;
    }

    /** Gauss-Jordan elimination modulo P, keeping for each row the combination of equations it is (when tracking). */
    private static final class Elimination {

        private final int columns;
        private final int equations;
        private final List<long[]> rows = new ArrayList<>();
        private final List<long[]> combinations = new ArrayList<>();
        private final List<Integer> pivots = new ArrayList<>();

        Elimination(int columns, int equations) {
            this.columns = columns;
            this.equations = equations;
        }

        void add(long[] row, int equation) {
            long[] combination = new long[equations];
            if (equations > 0) {
                combination[equation] = 1;
            }
            for (int r = 0; r < rows.size(); r++) {
                long factor = row[pivots.get(r)];
                if (factor != 0) {
                    subtract(row, rows.get(r), factor);
                    subtract(combination, combinations.get(r), factor);
                }
            }
            int pivot = 0;
            while (pivot < columns && row[pivot] == 0) {
                pivot++;
            }
            if (pivot == columns) {
                return; // follows from the equations already taken
            }
            long inverse = inverse(row[pivot]);
            scale(row, inverse);
            scale(combination, inverse);
            // Kept reduced: the new pivot's column is cleared from the rows before.
            for (int r = 0; r < rows.size(); r++) {
                long factor = rows.get(r)[pivot];
                if (factor != 0) {
                    subtract(rows.get(r), row, factor);
                    subtract(combinations.get(r), combination, factor);
                }
            }
            rows.add(row);
            combinations.add(combination);
            pivots.add(pivot);
        }

        boolean gives(long[] wanted) {
            return combinationGiving(wanted) != null;
        }

        /** The combination of equations that gives {@code wanted}, or null when none does. */
        long[] combinationGiving(long[] wanted) {
            long[] rest = wanted.clone();
            long[] combination = new long[equations];
            for (int r = 0; r < rows.size(); r++) {
                long factor = rest[pivots.get(r)];
                if (factor != 0) {
                    subtract(rest, rows.get(r), factor);
                    long[] taken = combinations.get(r);
                    for (int e = 0; e < equations; e++) {
                        combination[e] = (combination[e] + factor * taken[e]) % P;
                    }
                }
            }
            for (long left : rest) {
                if (left != 0) {
                    return null;
                }
            }
            return combination;
        }

        private static void subtract(long[] from, long[] row, long factor) {
            for (int i = 0; i < from.length; i++) {
                if (row[i] != 0) {
                    from[i] = ((from[i] - factor * row[i]) % P + P) % P;
                }
            }
        }

        private static void scale(long[] row, long factor) {
            for (int i = 0; i < row.length; i++) {
                row[i] = row[i] * factor % P;
            }
        }

        private static long inverse(long value) {
            long result = 1;
            long base = value;
            for (long exponent = P - 2; exponent > 0; exponent >>= 1) {
                if ((exponent & 1) == 1) {
                    result = result * base % P;
                }
                base = base * base % P;
            }
            return result;
        }
    }
}
