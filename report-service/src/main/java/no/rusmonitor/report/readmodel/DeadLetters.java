package no.rusmonitor.report.readmodel;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;

import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
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

    /** Completes when Kafka has acknowledged every letter, so the batch is acknowledged only after. */
    public Uni<Void> send(List<DeadLetterTopic.Letter> letters) {
        return topic.send(letters);
    }
}
