package no.rusmonitor.report;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Indicator events as indicator-service publishes them (docs/events/indicator-changed-v1.schema.json),
 * produced on the real broker with the documented key.
 */
public final class IndicatorEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndicatorEvents() {
    }

    /** One event's data, built fluently. */
    public static final class Value {
        final Map<String, Object> data = new LinkedHashMap<>();

        Value(String indicatorId, String level, String areaCode, String areaName, String borders, int year) {
            data.put("indicatorId", indicatorId);
            data.put("definitionVersion", 1);
            data.put("goal", indicatorId.startsWith("goal") ? indicatorId.substring(4, 5) : indicatorId.substring(0, indicatorId.indexOf('.')));
            data.put("unit", indicatorId.endsWith("_share") || indicatorId.endsWith("_rate") ? "percent" : "days");
            data.put("year", year);
            data.put("level", level);
            data.put("areaCode", areaCode);
            data.put("areaName", areaName);
            data.put("borders", borders);
            data.put("status", "ok");
            data.put("suppressed", "none");
            data.put("factor", 100);
            data.put("revision", 1);
            data.put("computedAt", "2025-03-01T10:00:00Z");
        }

        public Value value(double value, double numerator, double denominator) {
            data.put("value", value);
            data.put("numerator", numerator);
            data.put("denominator", denominator);
            data.put("personCount", Math.min(numerator, denominator));
            return this;
        }

        public Value missing(String reason) {
            data.put("status", "missing");
            data.put("missingReason", reason);
            data.put("value", null);
            return this;
        }

        public Value suppressed(String how) {
            data.put("suppressed", how);
            return this;
        }

        public Value revision(int revision) {
            data.put("revision", revision);
            return this;
        }

        public Value reporting(int reporting, int expected) {
            data.put("reportingCount", reporting);
            data.put("expectedCount", expected);
            return this;
        }

        public Value spread(int count, double min, double q1, double median, double q3, double max) {
            data.put("spread", Map.of("count", count, "min", min, "q1", q1, "median", median, "q3", q3, "max", max));
            return this;
        }

        public Value sizeClass(String sizeClass, Double value, int count, String suppressed) {
            @SuppressWarnings("unchecked")
            List<Object> classes = (List<Object>) data.computeIfAbsent("sizeClasses", k -> new ArrayList<>());
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("sizeClass", sizeClass);
            entry.put("value", value);
            entry.put("count", count);
            entry.put("suppressed", suppressed);
            classes.add(entry);
            return this;
        }

        public Value submission(int version) {
            data.put("submissionVersion", version);
            return this;
        }

        public Value extra(String field, Object value) {
            data.put(field, value);
            return this;
        }

        public String key() {
            return data.get("indicatorId") + "|" + data.get("level") + "|" + data.get("areaCode") + "|" + data.get("borders");
        }

        public String json() {
            Map<String, Object> event = new LinkedHashMap<>();
            event.put("specversion", "1.0");
            event.put("id", UUID.randomUUID().toString());
            event.put("source", "urn:rusmonitor:indicator-service");
            event.put("type", "no.rusmonitor.indicator.changed.v1");
            event.put("subject", data.get("indicatorId") + "/" + data.get("level") + "/" + data.get("areaCode") + "/" + data.get("borders")
                    + "/" + data.get("year"));
            event.put("time", Instant.now().toString());
            event.put("datacontenttype", "application/json");
            event.put("dataschema", "https://rusmonitor.no/schemas/events/indicator-changed-v1.json");
            event.put("data", data);
            event.put("someFutureField", Map.of("ignored", true));
            try {
                return JSON.writeValueAsString(event);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public static Value country(String indicator, int year) {
        return new Value(indicator, "country", "NO", "Norge", "as_reported", year);
    }

    public static Value county(String indicator, String code, String name, String borders, int year) {
        return new Value(indicator, "county", code, name, borders, year);
    }

    public static Value municipality(String indicator, String code, String name, String borders, int year) {
        return new Value(indicator, "municipality", code, name, borders, year);
    }

    public static void send(List<Value> values) {
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Value v : values) {
            records.add(new ProducerRecord<>(RealInfrastructure.INDICATORS, v.key(), v.json().getBytes(StandardCharsets.UTF_8)));
        }
        sendRaw(records);
    }

    public static void sendRaw(List<ProducerRecord<String, byte[]>> records) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer())) {
            for (ProducerRecord<String, byte[]> record : records) {
                producer.send(record).get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("could not produce indicator events", e);
        }
    }
}
