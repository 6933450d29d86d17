package no.rusmonitor.benchmarks;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.indicator.compute.AnswerSet;
import no.rusmonitor.indicator.compute.CompiledIndicator;
import no.rusmonitor.indicator.compute.Contribution;
import no.rusmonitor.indicator.compute.Contributions;
import no.rusmonitor.indicator.compute.Geography;
import no.rusmonitor.indicator.compute.YearGeography;
import no.rusmonitor.indicator.definition.DefinitionFile;
import no.rusmonitor.indicator.definition.DefinitionFiles;
import no.rusmonitor.indicator.formula.Formula;
import no.rusmonitor.indicator.formula.FormulaException;
import no.rusmonitor.reference.Municipality;
import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.tools.demo.AnswerModel;

/**
 * One year as indicator-service holds it: the year's areas, the indicators of the repository's
 * definition files, and every municipality's answers from the demo data's model (all reported).
 */
final class YearData {

    final YearGeography geography;
    final Map<String, CompiledIndicator> indicators = new LinkedHashMap<>();
    final Map<String, AnswerSet> answers = new HashMap<>();
    final Map<String, Integer> versions = new HashMap<>();

    YearData(int year) throws FormulaException {
        geography = new Geography(MunicipalityCatalogue.load()).year(year);
        for (DefinitionFile file : DefinitionFiles.read(new ObjectMapper())) {
            indicators.put(file.id(), CompiledIndicator.compile(file.id(), file.version(), file.content()));
        }
        AnswerModel model = new AnswerModel(2016);
        for (Municipality m : geography.municipalities()) {
            Map<String, Object> values = new HashMap<>();
            model.answers(m.code(), year, m.population() == null ? 20_000L : m.population(), 1)
                    .forEach(e -> values.put(e.getKey(), Formula.answerValue(e.getValue())));
            answers.put(m.code(), new AnswerSet(m.code(), year, 1, 1, values, Instant.EPOCH, "bench-" + m.code()));
            versions.put(m.code(), 1);
        }
    }

    List<Municipality> municipalities() {
        return geography.municipalities();
    }

    /** What every municipality adds to {@code indicator}: its formulas evaluated with its answers. */
    Map<String, Contribution> contributions(CompiledIndicator indicator) {
        Map<String, Contribution> result = new HashMap<>();
        for (Municipality m : municipalities()) {
            result.put(m.code(), Contributions.of(indicator, m, answers.get(m.code()), null));
        }
        return result;
    }
}
