package no.rusmonitor.system;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.system.RunningSystem.Service;
import no.rusmonitor.testsupport.TopicReader;

/**
 * survey-service stopped (SIGTERM, as on a rolling update) and killed (SIGKILL) while municipalities are
 * submitting: every submission that got 201 is stored exactly once after the restart, and its event
 * reaches Kafka.
 */
class SurveyRestartIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noAcceptedSubmissionIsLostAcrossAStopAndAKill() throws Exception {
        RunningSystem system = RunningSystem.with(Service.SURVEY);
        SurveyClient survey = new SurveyClient(system.url(Service.SURVEY));
        survey.openYear(2023);
        try (TopicReader topic = TopicReader.fromBeginning(system.kafka().bootstrapServers(), "rusmonitor.submissions.v1");
                SubmissionLoad load = SubmissionLoad.start(survey, 2023, 6)) {
            Thread.sleep(1500);
            system.service(Service.SURVEY).stop();
            Thread.sleep(500);
            system.service(Service.SURVEY).start();
            Thread.sleep(1500);
            system.service(Service.SURVEY).kill();
            Thread.sleep(500);
            system.service(Service.SURVEY).start();
            Thread.sleep(1500);
            load.stop();

            Set<String> accepted = load.accepted();
            assertTrue(accepted.size() > 20, "the load got submissions through: " + accepted.size());
            assertTrue(load.refused() > 0, "some requests met the service while it was down, so the test proved something");

            Set<String> stored = new HashSet<>();
            try (Connection db = system.database(Service.SURVEY); Statement s = db.createStatement();
                    ResultSet rows = s.executeQuery("select municipality_code, version, count(*) over (partition by submission_id, version) "
                            + "from submission_version where survey_year = 2023")) {
                while (rows.next()) {
                    assertEquals(1, rows.getInt(3), "a version stored twice");
                    stored.add(rows.getString(1).trim() + "/" + rows.getInt(2));
                }
            }
            assertTrue(stored.containsAll(accepted), "every 201 is stored; missing: " + difference(accepted, stored));

            // Every stored version is published (at least once), the accepted ones included.
            Set<String> published = new HashSet<>();
            List<ConsumerRecord<String, String>> records = topic.collectUntil(r -> {
                JsonNode data = read(r.value()).get("data");
                if (data.get("surveyYear").asInt() == 2023) {
                    published.add(data.get("municipalityCode").asText() + "/" + data.get("submissionVersion").asInt());
                }
                return published.containsAll(stored);
            }, Duration.ofSeconds(60));
            assertTrue(published.containsAll(stored), "every stored version is on the topic; missing: " + difference(stored, published)
                    + " after " + records.size() + " records");
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        Set<String> d = new HashSet<>(a);
        d.removeAll(b);
        return d;
    }
}
