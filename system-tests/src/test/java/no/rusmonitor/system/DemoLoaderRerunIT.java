package no.rusmonitor.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import no.rusmonitor.system.RunningSystem.Service;
import no.rusmonitor.testsupport.TestTokens;

/**
 * bin/demo promises that a second run changes nothing, and it is run again on systems whose demo data
 * municipalities (or a benchmark) have corrected since. After two such corrections, made through the
 * public API as a municipality makes them, a second run must succeed and write no version:
 * <ul>
 * <li>a municipality corrects a submission the loader had itself corrected (the loader's correction must not
 * be made again over it);</li>
 * <li>a municipality corrects its answers of the year before. The loader's correction of the next year
 * would now meet a warning it did not confirm the first time (so its Idempotency-Key alone would not make it
 * the same request); that write was made by the earlier run, so the loader must leave it.</li>
 * </ul>
 * And so must a third run once survey-service has forgotten the loader's Idempotency-Keys (after 30 days),
 * when every write would come as a new one; neither run reopens a municipality again or saves a draft again.
 * Loads 2018 and 2019, years no other system test writes in: the loader submits for every municipality.
 */
class DemoLoaderRerunIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int YEAR_BEFORE = 2018;
    private static final int YEAR = 2019;
    /** Counts no sum rule refers to, so that changing one leaves the form valid. */
    private static final List<String> FREE_COUNTS = List.of("peer_workers", "youth_contracts", "housing_units",
            "court_programme_participants", "youth_follow_up_participants");

    @Test
    void aSecondRunAfterCorrectionsSucceedsAndWritesNothing() throws Exception {
        RunningSystem system = RunningSystem.with(Service.SURVEY);
        String url = system.url(Service.SURVEY);
        SurveyClient survey = new SurveyClient(url);
        DemoLoaderRun loader = new DemoLoaderRun(system.root(), TestTokens.writePrivateKey(system.work().resolve("keys")),
                system.work().resolve("logs/demo-loader.log"));
        String years = YEAR_BEFORE + "-" + YEAR;

        assertEquals(0, loader.load(url, years), "the first run failed; " + loader.tail());
        List<JsonNode> loaderCorrections = loaderCorrections(survey);
        JsonNode warned = loaderCorrections.stream().filter(v -> !v.get("acknowledgedWarnings").isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("the demo data of " + YEAR + " has no correction that confirmed warnings"));
        JsonNode other = loaderCorrections.stream().filter(v -> v != warned).findFirst()
                .orElseThrow(() -> new AssertionError("the demo data of " + YEAR + " has only one correction"));
        correctYearBefore(survey, warned);
        correctAgain(survey, other);

        Map<String, JsonNode> before = histories(survey);
        long reopenings = count(system, "select count(*) from reopening");
        String drafts = drafts(system);
        assertTrue(!drafts.isEmpty(), "the demo data of these years has municipalities with only a draft");
        assertEquals(0, loader.load(url, years), "the second run failed; " + loader.tail());
        Map<String, JsonNode> after = histories(survey);
        List<String> changed = before.keySet().stream().filter(k -> !before.get(k).equals(after.get(k))).toList();
        assertEquals(List.of(), changed, "the second run changed these submissions' histories");

        // A month on, survey-service has forgotten the loader's Idempotency-Keys: every write of a third run comes
        // as a new one. It must still succeed and write no version; neither run reopens a municipality again.
        try (Connection db = system.database(Service.SURVEY); Statement s = db.createStatement()) {
            s.execute("delete from idempotency_record");
        }
        assertEquals(0, loader.load(url, years), "the run after the keys were forgotten failed; " + loader.tail());
        Map<String, JsonNode> third = histories(survey);
        List<String> changedAgain = before.keySet().stream().filter(k -> !before.get(k).equals(third.get(k))).toList();
        assertEquals(List.of(), changedAgain, "the run after the keys were forgotten changed these submissions' histories");
        assertEquals(reopenings, count(system, "select count(*) from reopening"), "municipalities reopened again");
        assertEquals(drafts, drafts(system), "drafts saved again");
    }

    /** Every draft of the two years and when it was saved. */
    private static String drafts(RunningSystem system) throws Exception {
        try (Connection db = system.database(Service.SURVEY); Statement s = db.createStatement(); ResultSet rows = s.executeQuery(
                "select coalesce(string_agg(survey_year || ' ' || municipality_code || ' ' || draft_saved_at, ', ' order by survey_year, municipality_code), '')"
                        + " from submission where draft is not null and survey_year in (" + YEAR_BEFORE + ", " + YEAR + ")")) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static long count(RunningSystem system, String sql) throws Exception {
        try (Connection db = system.database(Service.SURVEY); Statement s = db.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /** The loader's own corrections of {@link #YEAR} (version 2 of each submission it corrected). */
    private static List<JsonNode> loaderCorrections(SurveyClient survey) throws Exception {
        List<JsonNode> corrections = new ArrayList<>();
        for (String code : survey.municipalities(YEAR)) {
            if (survey.history(code, YEAR).size() >= 2) {
                corrections.add(survey.version(code, YEAR, 2));
            }
        }
        return corrections;
    }

    /**
     * The municipality of {@code correction} corrects one count of the year before to a value its
     * correction differs from by more than half: a warning that correction did not confirm.
     */
    private static void correctYearBefore(SurveyClient survey, JsonNode correction) throws Exception {
        String code = correction.get("municipalityCode").asText();
        List<String> confirmed = strings(correction.get("acknowledgedWarnings"));
        String field = FREE_COUNTS.stream().filter(f -> !confirmed.contains("/answers/" + f)).findFirst().orElseThrow();
        ObjectNode answers = latest(survey, code, YEAR_BEFORE).get("answers").deepCopy();
        answers.put(field, 3 * correction.get("answers").get(field).asLong() + 10);
        correct(survey, code, YEAR_BEFORE, answers, List.of());

        JsonNode dryRun = survey.validate(code, YEAR, correction.get("answers").toString(), confirmed);
        List<String> unconfirmed = new ArrayList<>();
        dryRun.get("unacknowledgedWarnings").forEach(w -> unconfirmed.add(w.get("pointer").asText()));
        assertTrue(unconfirmed.contains("/answers/" + field), "the loader's correction of " + code + " should now meet a new warning: " + dryRun);
    }

    /** The municipality of {@code correction} corrects that submission again: the same figures, with a comment. */
    private static void correctAgain(SurveyClient survey, JsonNode correction) throws Exception {
        ObjectNode answers = correction.get("answers").deepCopy();
        answers.put("comment", "Tallene er kontrollert igjen.");
        correct(survey, correction.get("municipalityCode").asText(), YEAR, answers, strings(correction.get("acknowledgedWarnings")));
    }

    /** A correction after the deadline: an operator reopens the submission, the municipality corrects it, the operator locks it. */
    private static void correct(SurveyClient survey, String code, int year, ObjectNode answers, List<String> confirmed) throws Exception {
        survey.reopen(year, code);
        HttpResponse<String> response = survey.submitAnswers(code, year, JSON.writeValueAsString(answers), confirmed, survey.etag(code, year));
        assertEquals(201, response.statusCode(), response.body());
        survey.closeReopening(year, code);
    }

    private static JsonNode latest(SurveyClient survey, String code, int year) throws Exception {
        return survey.version(code, year, survey.history(code, year).size());
    }

    /** Every submission's history in both years, by year and municipality. */
    private static Map<String, JsonNode> histories(SurveyClient survey) throws Exception {
        Map<String, JsonNode> histories = new LinkedHashMap<>();
        for (int year : new int[] { YEAR_BEFORE, YEAR }) {
            for (String code : survey.municipalities(year)) {
                histories.put(year + " " + code, survey.history(code, year));
            }
        }
        return histories;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(s -> strings.add(s.asText()));
        return strings;
    }
}
