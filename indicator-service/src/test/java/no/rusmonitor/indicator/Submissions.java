package no.rusmonitor.indicator;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.platform.outbox.CloudEvent;
import no.rusmonitor.testsupport.SurveyAnswers;

/** Publishes submission events the way survey-service does (CloudEvents, key = municipality code). */
public final class Submissions implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaProducer<String, String> producer;

    public Submissions() {
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, RealInfrastructure.kafka(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new StringSerializer());
    }

    /** A complete, consistent set of answers (the survey's 2016-2024 questions). */
    public static Map<String, Object> answers() {
        Map<String, Object> a = SurveyAnswers.complete();
        a.put("comment", "Alt vel, et \"sitat\", og komma.");
        return a;
    }

    public static Map<String, Object> with(Map<String, Object> answers, Object... questionsAndValues) {
        Map<String, Object> copy = new LinkedHashMap<>(answers);
        for (int i = 0; i < questionsAndValues.length; i += 2) {
            copy.put((String) questionsAndValues[i], questionsAndValues[i + 1]);
        }
        return copy;
    }

    /** The CloudEvent JSON of one accepted version. */
    public static String event(String eventId, String code, int year, int version, Map<String, Object> answers) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("municipalityCode", code);
        data.put("surveyYear", year);
        data.put("surveyVersion", 1);
        data.put("submissionVersion", version);
        data.put("submittedAt", Instant.now().toString());
        data.put("submittedBy", "kommune-" + code);
        data.put("source", "api");
        data.put("late", false);
        data.put("answers", answers);
        data.put("changedQuestions", List.copyOf(answers.keySet()));
        data.put("somethingNew", "consumers ignore fields they do not know");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("specversion", "1.0");
        event.put("id", eventId);
        event.put("source", "urn:rusmonitor:survey-service");
        event.put("type", "no.rusmonitor.submission.accepted.v1");
        event.put("subject", "municipality/" + code + "/year/" + year);
        event.put("time", Instant.now().toString());
        event.put("datacontenttype", "application/json");
        event.put("data", data);
        try {
            return JSON.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes one version and waits for the broker's acknowledgement; returns the event id. */
    public String submit(String code, int year, int version, Map<String, Object> answers) {
        String id = UUID.randomUUID().toString();
        send(code, event(id, code, year, version, answers));
        return id;
    }

    public void send(String key, String value) {
        try {
            producer.send(asRelayed(key, value)).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes without waiting for each acknowledgement (bulk loads); {@link #flush()} waits for all. */
    public void sendAsync(String key, String value) {
        producer.send(asRelayed(key, value));
    }

    /** A record as survey-service's outbox relay writes it: the event as text, with the structured CloudEvent's content type. */
    public static ProducerRecord<String, String> asRelayed(String key, String value) {
        ProducerRecord<String, String> record = new ProducerRecord<>(RealInfrastructure.SUBMISSIONS_TOPIC, key, value);
        record.headers().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
