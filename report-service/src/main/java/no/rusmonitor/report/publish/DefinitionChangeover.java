package no.rusmonitor.report.publish;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Problem;
import no.rusmonitor.report.catalogue.IndicatorCatalogue;
import no.rusmonitor.report.catalogue.IndicatorDefinitions;
import no.rusmonitor.report.readmodel.IndicatorValue;

/**
 * Whether a report's indicators are settled: each one's values name one definition version, and that version
 * has arrived. When indicator-service publishes a new version of an indicator it recomputes every value of it
 * in one transaction and publishes them all again under the new version, and the version itself on a topic of
 * its own; report-service receives them over a batch or two, in no set order. A draft read in between shows
 * some old figures under the new labels, or the new figures under the catalogue's labels, and is read again a
 * moment later. A published version is frozen for good, so it must not be taken then: it is refused, to be
 * sent again once everything is in.
 */
final class DefinitionChangeover {

    /** Seconds a client waits before publishing again: the rest of the values take a batch or two. */
    static final int RETRY_AFTER_SECONDS = 2;

    private static final String IF_IT_LASTS = " If this lasts, tell an operator: report-service may have missed events.";

    private DefinitionChangeover() {
    }

    /**
     * Refuses with {@code 409 indicator-recomputing} if an indicator's values name more than one definition version,
     * and with {@code 409 definition-not-arrived} if the one they name has not arrived (version 1 of an indicator the
     * catalogue knows excepted: the catalogue has its labels).
     */
    static void requireSettled(Collection<IndicatorValue> values, IndicatorDefinitions definitions) {
        Map<String, TreeMap<Integer, Integer>> countsByIndicator = new TreeMap<>();
        for (IndicatorValue value : values) {
            countsByIndicator.computeIfAbsent(value.indicatorId(), id -> new TreeMap<>()).merge(value.definitionVersion(), 1, Integer::sum);
        }
        countsByIndicator.forEach((indicator, counts) -> {
            if (counts.size() > 1) {
                throw recomputing(indicator, counts);
            }
            int version = counts.firstKey();
            if (definitions.find(indicator, version) == null && !(version == 1 && IndicatorCatalogue.knows(indicator))) {
                throw notArrived(indicator, version);
            }
        });
    }

    private static ApiException recomputing(String indicator, TreeMap<Integer, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        Map.Entry<Integer, Integer> newest = counts.lastEntry();
        String older = counts.size() == 2 ? "version " + counts.firstKey() : "older versions";
        String detail = "Indicator " + indicator + " is being recomputed under its definition version " + newest.getKey() + ": "
                + newest.getValue() + " of the " + total + " values this report reads have arrived, the other " + (total - newest.getValue())
                + " still name " + older + ". A published version is kept as it is for good, so publish again in a moment." + IF_IT_LASTS;
        return new ApiException(Problem.of(409, "indicator-recomputing", "Indicator being recomputed", detail), RETRY_AFTER_SECONDS);
    }

    private static ApiException notArrived(String indicator, int version) {
        String detail = "The values of indicator " + indicator + " name its definition version " + version
                + ", which has not reached report-service yet, so the report cannot name it, give its unit or round it as that version"
                + " says. A published version is kept as it is for good, so publish again in a moment." + IF_IT_LASTS;
        return new ApiException(Problem.of(409, "definition-not-arrived", "Indicator definition not arrived", detail), RETRY_AFTER_SECONDS);
    }
}
