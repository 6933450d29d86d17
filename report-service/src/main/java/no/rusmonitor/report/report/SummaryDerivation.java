package no.rusmonitor.report.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import no.rusmonitor.report.catalogue.Polarity;

/**
 * The summary at the top of the national report, from the numbers alone: every indicator whose shown
 * national value differs from last year's (after rounding to its decimals) improved or got worse by its
 * polarity, or just rose or fell where the plan does not say which way is better. Each list is ordered by
 * the size of the relative change and cut at {@link #LIMIT}; the counts cover all indicators.
 */
public final class SummaryDerivation {

    public static final int LIMIT = 5;

    private SummaryDerivation() {
    }

    public static Summary derive(int year, List<NationalIndicator> indicators) {
        List<SummaryItem> improved = new ArrayList<>();
        List<SummaryItem> worsened = new ArrayList<>();
        List<SummaryItem> changed = new ArrayList<>();
        int unchanged = 0;
        int notComparable = 0;
        for (NationalIndicator i : indicators) {
            Double change = Cell.change(i.previous(), i.value(), i.decimals());
            if (change == null) {
                notComparable++;
                continue;
            }
            if (change == 0.0) {
                unchanged++;
                continue;
            }
            boolean up = change > 0;
            String direction;
            if (i.polarity() == Polarity.neutral) {
                direction = up ? "rose" : "fell";
            } else {
                boolean better = (i.polarity() == Polarity.higher_is_better) == up;
                direction = better ? "improved" : "worsened";
            }
            SummaryItem item = new SummaryItem(i.id(), i.name(), i.unit(), i.decimals(), direction, i.previous().value(), i.value().value(),
                    change);
            switch (direction) {
                case "improved" -> improved.add(item);
                case "worsened" -> worsened.add(item);
                default -> changed.add(item);
            }
        }
        return new Summary(year - 1, improved.size(), worsened.size(), changed.size(), unchanged, notComparable, top(improved), top(worsened),
                top(changed));
    }

    private static List<SummaryItem> top(List<SummaryItem> items) {
        items.sort(Comparator.comparingDouble(SummaryDerivation::relative).reversed().thenComparing(SummaryItem::indicatorId));
        return List.copyOf(items.subList(0, Math.min(LIMIT, items.size())));
    }

    /** The change relative to where it started; from zero, any change counts as large. */
    static double relative(SummaryItem item) {
        return item.from() == 0 ? Double.MAX_VALUE : Math.abs(item.change() / item.from());
    }
}
