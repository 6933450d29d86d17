package no.rusmonitor.report.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import no.rusmonitor.report.report.Figure;

/** Which numbers differ between two versions of a report: compared by what they are, value and flag. */
public final class FigureDiff {

    private FigureDiff() {
    }

    public static List<FigureChange> between(List<Figure> before, List<Figure> after) {
        Map<String, Figure> old = index(before);
        Map<String, Figure> now = index(after);
        List<FigureChange> changes = new ArrayList<>();
        for (Figure a : now.values()) {
            Figure b = old.get(a.key());
            if (b == null) {
                changes.add(change(a, "added", null, null, a.value(), a.flag()));
            } else if (!Objects.equals(b.value(), a.value()) || !Objects.equals(b.flag(), a.flag())) {
                changes.add(change(a, "changed", b.value(), b.flag(), a.value(), a.flag()));
            }
        }
        for (Figure b : old.values()) {
            if (!now.containsKey(b.key())) {
                changes.add(change(b, "removed", b.value(), b.flag(), null, null));
            }
        }
        return changes;
    }

    private static FigureChange change(Figure f, String kind, Double from, String fromFlag, Double to, String toFlag) {
        return new FigureChange(f.indicatorId(), f.indicator(), f.areaLevel(), f.areaCode(), f.areaName(), f.year(), f.measure(), kind, from,
                fromFlag, to, toFlag);
    }

    private static Map<String, Figure> index(List<Figure> figures) {
        Map<String, Figure> byKey = new LinkedHashMap<>();
        for (Figure f : figures) {
            byKey.put(f.key(), f);
        }
        return byKey;
    }
}
