package no.rusmonitor.indicator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import no.rusmonitor.testsupport.TopicReader;

/** A record the service cannot read goes to the dead-letter topic with its reason, and the next one is taken in. */
@QuarkusTest
class DeadLetterIT {

    @Test
    void poisonRecordsAreDeadLetteredWithTheirReasonAndConsumptionGoesOn() {
        String code = "3201"; // Bærum
        try (TopicReader dlq = TopicReader.fromEnd(RealInfrastructure.kafka(), RealInfrastructure.DLQ_TOPIC);
                Submissions submissions = new Submissions()) {
            submissions.send(code, "{ this is not json");
            submissions.send("9999", Submissions.event("22222222-2222-4222-8222-222222222222", "9999", 2024, 1, Submissions.answers()));
            submissions.send("0219", Submissions.event("33333333-3333-4333-8333-333333333333", "0219", 2024, 1, Submissions.answers()));
            submissions.submit(code, 2024, 1, Submissions.answers());

            List<ConsumerRecord<String, String>> dead = dlq.await(r -> true, 3);
            assertEquals("{ this is not json", dead.get(0).value(), "the record is kept as it came");
            List<String> reasons = dead.stream().map(r -> header(r, "dead-letter-reason")).toList();
            assertTrue(reasons.get(0).contains("not JSON"), reasons.get(0));
            assertTrue(reasons.get(1).contains("9999"), reasons.get(1));
            assertTrue(reasons.get(2).contains("did not exist in 2024"), "Bærum's old code 0219 ended in 2020: " + reasons.get(2));
            Map<String, String> origin = dead.get(0).headers().toArray().length == 0 ? Map.of()
                    : java.util.Arrays.stream(dead.get(0).headers().toArray())
                            .collect(Collectors.toMap(Header::key, h -> new String(h.value(), StandardCharsets.UTF_8), (a, b) -> b));
            assertEquals(RealInfrastructure.SUBMISSIONS_TOPIC, origin.get("dead-letter-topic"));

            IndicatorApi.awaitAnswers(code, 2024, 1);
            assertEquals(0, Database.count("select count(*) from answer_set where municipality_code in ('9999', '0219')"));
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
