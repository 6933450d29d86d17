package no.rusmonitor.report.readmodel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import no.rusmonitor.platform.problem.Failures;

/**
 * Sends records that cannot be read to the dead-letter topic, byte for byte, with why and where they came
 * from in headers (the same header names SmallRye's own dead-letter queue uses). A send Kafka may take later
 * is tried again until it takes it; a record that is too large once the headers are added goes without its
 * value, marked {@code dead-letter-value: omitted}, since its headers say where to read it. Either way the
 * consumer goes on: a failed send used to stop it.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String CHANNEL = "indicators-dlq";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final MutinyEmitter<byte[]> emitter;
    private final String topic;

    @Inject
    public DeadLetters(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, @ConfigProperty(name = "rusmonitor.topics.indicators-dlq") String topic) {
        this.emitter = emitter;
        this.topic = topic;
    }

    public record Letter(KafkaRecord<String, byte[]> record, String reason) {
    }

    /** The record's offset in its partition (-1 if the connector did not say). */
    public static long offset(KafkaRecord<?, ?> record) {
        return record.getMetadata(io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata.class)
                .map(m -> m.getOffset()).orElse(-1L);
    }

    /** Completes when Kafka has acknowledged every letter, so the batch is acknowledged only after. */
    public Uni<Void> send(List<Letter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>();
        for (Letter letter : letters) {
            KafkaRecord<String, byte[]> record = letter.record();
            LOG.warnf("Dead-lettering %s-%d@%d: %s", record.getTopic(), record.getPartition(), offset(record), letter.reason());
            sends.add(sendOne(letter, true)
                    .onFailure(DeadLetters::tooLarge).recoverWithUni(e -> {
                        LOG.warnf("%s-%d@%d is too large for the dead-letter topic with its headers: sending the headers alone",
                                record.getTopic(), record.getPartition(), offset(record));
                        return sendOne(letter, false);
                    })
                    .onFailure(DeadLetters::passes).invoke(e -> LOG.warnf("Could not dead-letter %s-%d@%d yet, retrying: %s",
                            record.getTopic(), record.getPartition(), offset(record), e.toString()))
                    .onFailure(DeadLetters::passes).retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely());
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> sendOne(Letter letter, boolean withValue) {
        return Uni.createFrom().deferred(() -> {
            KafkaRecord<String, byte[]> record = letter.record();
            RecordHeaders headers = new RecordHeaders();
            headers.add("dead-letter-reason", letter.reason().getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-topic", record.getTopic().getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-partition", Integer.toString(record.getPartition()).getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-offset", Long.toString(offset(record)).getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-consumer", "report-service".getBytes(StandardCharsets.UTF_8));
            if (!withValue) {
                headers.add("dead-letter-value", "omitted".getBytes(StandardCharsets.UTF_8));
            }
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic)
                    .withKey(record.getKey()).withHeaders(headers).build();
            return emitter.sendMessage(Message.of(withValue ? record.getPayload() : new byte[0]).addMetadata(metadata));
        });
    }

    private static boolean tooLarge(Throwable failure) {
        return causes(failure).anyMatch(t -> t instanceof RecordTooLargeException);
    }

    /** Kafka away or busy: the same send will be taken later. */
    private static boolean passes(Throwable failure) {
        return causes(failure).anyMatch(t -> t instanceof RetriableException) || Failures.isTransient(failure);
    }

    private static Stream<Throwable> causes(Throwable failure) {
        return Failures.chain(failure).stream();
    }
}
