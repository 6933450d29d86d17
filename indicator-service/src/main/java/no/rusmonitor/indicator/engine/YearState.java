package no.rusmonitor.indicator.engine;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import no.rusmonitor.indicator.compute.AnswerSet;
import no.rusmonitor.indicator.compute.CompiledIndicator;
import no.rusmonitor.indicator.compute.Contribution;
import no.rusmonitor.indicator.compute.Contributions;
import no.rusmonitor.indicator.compute.ValueKey;
import no.rusmonitor.indicator.compute.YearGeography;
import no.rusmonitor.reference.Municipality;

/**
 * What the engine keeps in memory about one year: the answers, each municipality's contribution to
 * each indicator, and the stored values. It mirrors the database and is only touched by the engine's
 * serialized jobs; it is thrown away whenever another writer may have changed the database.
 */
final class YearState {

    final YearGeography geography;
    final Map<String, AnswerSet> answers;
    final Map<String, Map<String, Contribution>> contributions = new HashMap<>();
    final Map<ValueKey, StoredValue> values;
    /**
     * Per indicator, its stored values in the order the year's computation lists them (see {@link Diff}).
     * Dropped for an indicator whose values were written by anything but a comparison.
     */
    final Map<String, List<StoredValue>> inOrder = new HashMap<>();

    YearState(YearGeography geography, Map<String, AnswerSet> answers, Map<ValueKey, StoredValue> values) {
        this.geography = geography;
        this.answers = new TreeMap<>(answers);
        this.values = new HashMap<>(values);
    }

    /** Each municipality's contribution to {@code indicator}, from the answers held. */
    Map<String, Contribution> contributionsOf(CompiledIndicator indicator, Contributions.FailureListener failures) {
        Map<String, Contribution> result = new HashMap<>();
        for (Municipality m : geography.municipalities()) {
            result.put(m.code(), Contributions.of(indicator, m, answers.get(m.code()), failures));
        }
        return result;
    }

    Map<String, Integer> versions() {
        Map<String, Integer> versions = new HashMap<>();
        answers.forEach((code, set) -> versions.put(code, set.submissionVersion()));
        return versions;
    }
}
