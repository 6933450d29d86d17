package no.rusmonitor.testsupport;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Starts one real Kafka broker for the test JVM and creates the topics a service needs.
 * <p>
 * Init arg {@code topics}: comma-separated {@code name:partitions}. The broker outlives the Quarkus
 * application restarts between test profiles and is stopped when the JVM exits.
 */
public class KafkaTestResource implements QuarkusTestResourceLifecycleManager {

    private final Map<String, Integer> topics = new LinkedHashMap<>();

    /** The running broker, for tests that take it down and bring it back. */
    public static KafkaBroker broker() {
        return KafkaBroker.shared(Path.of("target", "kafka-broker").toAbsolutePath());
    }

    @Override
    public void init(Map<String, String> initArgs) {
        String spec = initArgs.getOrDefault("topics", "");
        for (String entry : spec.split(",")) {
            if (entry.isBlank()) {
                continue;
            }
            String[] parts = entry.trim().split(":");
            topics.put(parts[0], parts.length > 1 ? Integer.parseInt(parts[1]) : 1);
        }
    }

    @Override
    public Map<String, String> start() {
        KafkaBroker running = broker();
        running.start();
        running.createTopics(topics);
        return Map.of("kafka.bootstrap.servers", running.bootstrapServers());
    }

    @Override
    public void stop() {
        // Kept running for the next application start in this JVM; the shutdown hook stops it.
    }
}
