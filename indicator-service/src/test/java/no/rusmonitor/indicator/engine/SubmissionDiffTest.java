package no.rusmonitor.indicator.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.indicator.compute.AnswerSet;
import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.CompiledIndicator;
import no.rusmonitor.indicator.compute.Contribution;
import no.rusmonitor.indicator.compute.Contributions;
import no.rusmonitor.indicator.compute.Geography;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.compute.Suppression;
import no.rusmonitor.indicator.compute.ValueKey;
import no.rusmonitor.indicator.compute.YearCells;
import no.rusmonitor.indicator.compute.YearComputation;
import no.rusmonitor.indicator.compute.YearGeography;
import no.rusmonitor.indicator.definition.DefinitionFile;
import no.rusmonitor.indicator.definition.DefinitionFiles;
import no.rusmonitor.reference.Municipality;
import no.rusmonitor.reference.MunicipalityCatalogue;

/**
 * After a submission the engine builds and compares only the values it can have changed. Over a long run of
 * random submissions on the real reference data, with counts small enough for values to be suppressed and
 * unsuppressed, that must write exactly what comparing every value of the year writes.
 */
class SubmissionDiffTest {

    private static final Geography GEOGRAPHY = new Geography(MunicipalityCatalogue.load());

    private static CompiledIndicator indicator(String id) throws Exception {
        for (DefinitionFile file : DefinitionFiles.read(new ObjectMapper())) {
            if (file.id().equals(id)) {
                return CompiledIndicator.compile(file.id(), file.version(), file.content());
            }
        }
        throw new AssertionError("no definition " + id);
    }

    @ParameterizedTest
    @CsvSource({ "goal3.individual_plan_share, 2024", "goal3.individual_plan_share, 2019", "goal3.individual_plan_share, 2016" })
    void writesWhatComparingEveryValueWrites(String indicatorId, int year) throws Exception {
        CompiledIndicator indicator = indicator(indicatorId);
        YearGeography geo = GEOGRAPHY.year(year);
        List<Municipality> municipalities = geo.municipalities();
        Random random = new Random(year);
        Map<String, Contribution> contributions = new HashMap<>();
        Map<String, Integer> versions = new HashMap<>();
        for (Municipality m : municipalities) {
            if (random.nextInt(10) > 0) {
                contributions.put(m.code(), contribution(indicator, m, year, 1, random));
                versions.put(m.code(), 1);
            }
        }
        Map<ValueKey, StoredValue> current = new HashMap<>();
        List<ValueWrite> first = new ArrayList<>();
        List<StoredValue> previous = Diff.into(first, current, null, YearComputation.compute(indicator, geo, contributions, versions),
                Instant.EPOCH);
        store(current, first);

        int suppressionMovedElsewhere = 0;
        int written = 0;
        for (int step = 1; step <= 300; step++) {
            Set<String> changed = new HashSet<>();
            for (int n = 1 + random.nextInt(6); n > 0; n--) {
                Municipality m = municipalities.get(random.nextInt(municipalities.size()));
                changed.add(m.code());
                int version = versions.getOrDefault(m.code(), 0) + 1;
                contributions.put(m.code(), contribution(indicator, m, year, version, random));
                versions.put(m.code(), version);
            }
            Instant now = Instant.EPOCH.plusSeconds(step);
            YearCells cells = YearComputation.cells(indicator, geo, contributions, versions);

            List<ValueWrite> everyValue = new ArrayList<>();
            List<StoredValue> expected = Diff.into(everyValue, current, previous, cells.values(), now);
            List<ValueWrite> reached = new ArrayList<>();
            List<StoredValue> after = Diff.into(reached, current, previous, cells, changed, now);

            assertEquals(everyValue, reached, "step " + step + ": the same writes, in the same order");
            assertEquals(expected, after, "step " + step + ": the same values as stored afterwards");
            for (ValueWrite write : reached) {
                ValueKey key = write.stored().value().key();
                if (key.level() == Level.municipality && key.borders() == Borders.AS_REPORTED && !changed.contains(key.areaCode())) {
                    suppressionMovedElsewhere++;
                }
            }
            written += reached.size();
            store(current, reached);
            previous = after;
        }
        assertTrue(written > 300, "the submissions changed values: " + written);
        assertTrue(suppressionMovedElsewhere > 0, "some submission hid or showed another municipality's value");
        assertTrue(current.values().stream().anyMatch(v -> v.value().suppressed() == Suppression.secondary), "secondary suppression was exercised");
    }

    /** Answers with user counts from 0 to 40 and plans from 0 to all: many values under the threshold of five persons. */
    private static Contribution contribution(CompiledIndicator indicator, Municipality m, int year, int version, Random random) {
        int users = random.nextInt(41);
        int plans = users == 0 ? 0 : random.nextInt(users + 1);
        Map<String, Object> answers = Map.of("users_total", new BigDecimal(users), "users_with_individual_plan", new BigDecimal(plans));
        return Contributions.of(indicator, m, new AnswerSet(m.code(), year, version, 1, answers, Instant.EPOCH, "e" + version), null);
    }

    private static void store(Map<ValueKey, StoredValue> current, List<ValueWrite> writes) {
        for (ValueWrite write : writes) {
            current.put(write.stored().value().key(), write.stored());
        }
    }
}
