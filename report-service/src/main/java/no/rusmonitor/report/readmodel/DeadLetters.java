package no.rusmonitor.report.readmodel;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import no.rusmonitor.platform.deadletter.DeadLetterTopic;

/**
 * The indicator records report-service cannot use, to its dead-letter topic (see {@link DeadLetterTopic}): the
 * consumer goes on either way.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String CHANNEL = "indicators-dlq";

    private final DeadLetterTopic topic;

    @Inject
    public DeadLetters(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, @ConfigProperty(name = "rusmonitor.topics.indicators-dlq") String topic,
            MeterRegistry registry) {
        this.topic = new DeadLetterTopic(emitter, topic, "report-service", registry);
    }

    public record Letter(KafkaRecord<String, byte[]> record, String reason) {
    }

    /** The record's offset in its partition (-1 if the connector did not say). */
    public static long offset(KafkaRecord<?, ?> record) {
        return DeadLetterTopic.offset(record);
    }

    /** Completes when Kafka has acknowledged every letter, so the batch is acknowledged only after. */
    public Uni<Void> send(List<Letter> letters) {
        return topic.send(letters.stream().map(l -> DeadLetterTopic.Letter.of(l.record(), l.record().getPayload(), l.reason())).toList());
    }
}
