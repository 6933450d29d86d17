package no.rusmonitor.indicator.compute;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import no.rusmonitor.reference.Municipality;

/** A year's values of one indicator from the municipalities' answers, as the engine computes them. */
final class FromAnswers {

    private FromAnswers() {
    }

    /** @param answers by municipality code; a municipality without answers did not report */
    static List<ComputedValue> compute(CompiledIndicator indicator, YearGeography geography, Map<String, AnswerSet> answers) {
        Map<String, Contribution> contributions = new HashMap<>();
        Map<String, Integer> versions = new HashMap<>();
        for (Municipality m : geography.municipalities()) {
            AnswerSet a = answers.get(m.code());
            contributions.put(m.code(), Contributions.of(indicator, m, a, null));
            if (a != null) {
                versions.put(m.code(), a.submissionVersion());
            }
        }
        return YearComputation.compute(indicator, geography, contributions, versions);
    }
}
