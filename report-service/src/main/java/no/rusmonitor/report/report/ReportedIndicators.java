package no.rusmonitor.report.report;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import no.rusmonitor.report.catalogue.IndicatorCatalogue;
import no.rusmonitor.report.catalogue.IndicatorDefinitions;
import no.rusmonitor.report.catalogue.IndicatorInfo;
import no.rusmonitor.report.readmodel.IndicatorValue;

/** Which indicators a report shows, and in what order: shared by the national report and the profiles. */
final class ReportedIndicators {

    private ReportedIndicators() {
    }

    /**
     * The indicators of {@code samples} (one value of each, of the report's year, the one naming the newest
     * definition version: {@link #newest}), in the catalogue's order, each shown as {@link IndicatorDefinitions#info} says.
     */
    static List<IndicatorInfo> inOrder(Collection<IndicatorValue> samples, IndicatorDefinitions definitions) {
        List<IndicatorInfo> infos = new ArrayList<>();
        for (IndicatorValue s : samples) {
            infos.add(definitions.info(s.indicatorId(), s.definitionVersion(), s.goal(), s.unit()));
        }
        infos.sort(Comparator.comparingInt(IndicatorInfo::order).thenComparing(IndicatorInfo::id));
        return infos;
    }

    /** Keeps, of an indicator's values, the one naming the newest definition version, whatever order the rows came in. */
    static void newest(Map<String, IndicatorValue> samples, IndicatorValue value) {
        samples.merge(value.indicatorId(), value, (kept, other) -> other.definitionVersion() > kept.definitionVersion() ? other : kept);
    }

    /** An empty list for each goal, in the order the report presents the goals. */
    static <T> Map<String, List<T>> byGoal() {
        Map<String, List<T>> byGoal = new LinkedHashMap<>();
        IndicatorCatalogue.GOALS.forEach(g -> byGoal.put(g, new ArrayList<>()));
        return byGoal;
    }
}
