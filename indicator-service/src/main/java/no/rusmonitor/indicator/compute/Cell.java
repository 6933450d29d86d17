package no.rusmonitor.indicator.compute;

import java.util.ArrayList;
import java.util.List;

/** A value while it is being computed: sums, status and suppression, before it becomes a {@link ComputedValue}. */
final class Cell {

    final ValueKey key;
    final String areaName;
    boolean entered;
    MissingReason reason;
    double numerator;
    double denominator;
    Double personCount;
    Integer reportingCount;
    Integer expectedCount;
    Integer submissionVersion;
    SizeClass sizeClass;
    int count;
    Suppression suppression = Suppression.none;
    /** Aggregates: the municipalities whose own values make up the spread and size classes. */
    List<Cell> members = List.of();
    /** Aggregates: one cell per size class, in class order. */
    List<Cell> classCells = List.of();

    Cell(ValueKey key, String areaName) {
        this.key = key;
        this.areaName = areaName;
    }

    /** Has a value: entered the sums with a denominator other than zero. */
    boolean ok() {
        return entered && denominator != 0;
    }

    boolean shown() {
        return ok() && suppression == Suppression.none;
    }

    /**
     * In the sums, but its parts are not published: hidden for small numbers, or without a value (a denominator
     * of 0), whose parts the public view leaves out (values/ValueView). Either way a reader could get them back
     * as a total minus the figures shown, so suppression protects both alike.
     */
    boolean withheld() {
        return entered && !shown();
    }

    /**
     * Scaled before it is divided: 23 / 80 * 100 is 28.749999999999996 in binary, which rounds to 28.7, while
     * 2300 / 80 is exactly the 28.75 that rounds half up to 28.8.
     */
    double value(double factor) {
        return numerator * factor / denominator;
    }

    static List<Cell> entered(List<Cell> cells) {
        List<Cell> result = new ArrayList<>();
        for (Cell cell : cells) {
            if (cell.entered) {
                result.add(cell);
            }
        }
        return result;
    }
}
