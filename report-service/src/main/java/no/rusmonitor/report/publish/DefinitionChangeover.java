package no.rusmonitor.report.publish;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Problem;
import no.rusmonitor.report.readmodel.IndicatorValue;

/**
 * Whether a report's values are all settled on one definition version per indicator. When indicator-service
 * publishes a new version of an indicator it recomputes every value of it in one transaction, and publishes
 * them all again under the new version; report-service receives them over a batch or two. A draft read in
 * between shows some old figures under the new labels, and is read again a moment later. A published version
 * is frozen for good, so it must not be taken then: it is refused, to be sent again once the values are in.
 */
final class DefinitionChangeover {

    /** Seconds a client waits before publishing again: the rest of the values take a batch or two. */
    static final int RETRY_AFTER_SECONDS = 2;

    private DefinitionChangeover() {
    }

    /** Refuses with {@code 409 indicator-recomputing} if an indicator's values name more than one definition version. */
    static void requireSettled(Collection<IndicatorValue> values) {
        Map<String, TreeMap<Integer, Integer>> countsByIndicator = new TreeMap<>();
        for (IndicatorValue value : values) {
            countsByIndicator.computeIfAbsent(value.indicatorId(), id -> new TreeMap<>()).merge(value.definitionVersion(), 1, Integer::sum);
        }
        countsByIndicator.forEach((indicator, counts) -> {
            if (counts.size() > 1) {
                throw recomputing(indicator, counts);
            }
        });
    }

    private static ApiException recomputing(String indicator, TreeMap<Integer, Integer> counts) {
        int total = counts.values().stream().mapToInt(Integer::intValue).sum();
        Map.Entry<Integer, Integer> newest = counts.lastEntry();
        String older = counts.size() == 2 ? "version " + counts.firstKey() : "older versions";
        String detail = "Indicator " + indicator + " is being recomputed under its definition version " + newest.getKey() + ": "
                + newest.getValue() + " of the " + total + " values this report reads have arrived, the other " + (total - newest.getValue())
                + " still name " + older + ". A published version is kept as it is for good, so publish again in a moment.";
        return new ApiException(Problem.of(409, "indicator-recomputing", "Indicator being recomputed", detail), RETRY_AFTER_SECONDS);
    }
}
