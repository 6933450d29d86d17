package no.rusmonitor.platform.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import no.rusmonitor.platform.outbox.KafkaRefusal;
import no.rusmonitor.platform.problem.Failures;

/**
 * Sends records a consumer cannot use to its dead-letter topic, byte for byte, with why and where they came from
 * in headers (the names SmallRye's own dead-letter queue uses), through an emitter of the service's own. A send
 * Kafka may take later is tried again until it takes it; a record too large once the headers are added goes
 * without its value, marked {@code dead-letter-value: omitted}, since its headers say where to read it; one
 * Kafka refuses for good even so is passed over, logged with its place. The record's own headers go with it
 * (not with the headers alone, nor those of an earlier dead-lettering).
 * <p>
 * Not the connector's dead-letter strategy: its sender gives up on a send after its delivery timeout, which failed
 * the consumer's channel until a restart, and each failed send also took one of its 1,024 places for good, so that
 * after as many failures it sent nothing more, silently. An emitter's failed send leaves its place free.
 * <p>
 * Not a bean: each consuming service builds one over the outgoing channel it configures.
 */
public final class DeadLetterTopic {

    private static final Logger LOG = Logger.getLogger(DeadLetterTopic.class);

    /** One record to dead-letter: where it came from, its key and value as read, and why. */
    public record Letter(String topic, int partition, long offset, String key, byte[] value, Headers headers, String reason) {

        /** The record as read, with its own headers; {@code value} is its value's bytes (null for none). */
        public static Letter of(KafkaRecord<String, ?> record, byte[] value, String reason) {
            return new Letter(record.getTopic(), record.getPartition(), DeadLetterTopic.offset(record), record.getKey(), value,
                    record.getHeaders(), reason);
        }

        String place() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    private final MutinyEmitter<byte[]> emitter;
    private final String topic;
    private final String consumer;
    private final Counter failedSends;
    private final Counter refusedLetters;

    /**
     * @param topic    the dead-letter topic
     * @param consumer the consuming service, written to each letter's {@code dead-letter-consumer} header
     */
    public DeadLetterTopic(MutinyEmitter<byte[]> emitter, String topic, String consumer, MeterRegistry registry) {
        this.emitter = emitter;
        this.topic = topic;
        this.consumer = consumer;
        this.failedSends = Counter.builder("rusmonitor.dead.letter.send.failures")
                .description("Sends to the dead-letter topic that Kafka did not take (each is tried again)").register(registry);
        this.refusedLetters = Counter.builder("rusmonitor.dead.letter.refused")
                .description("Records Kafka refused for good on the dead-letter topic, passed over").register(registry);
    }

    /** The record's offset in its partition (-1 if the connector did not say). */
    public static long offset(KafkaRecord<?, ?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(m -> m.getOffset()).orElse(-1L);
    }

    /** Completes when Kafka has acknowledged every letter, so that the records are acknowledged only after. */
    public Uni<Void> send(List<Letter> letters) {
        if (letters.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Void>> sends = new ArrayList<>();
        for (Letter letter : letters) {
            LOG.warnf("Dead-lettering %s: %s", letter.place(), letter.reason());
            sends.add(sendOne(letter, true)
                    .onFailure(DeadLetterTopic::tooLarge).recoverWithUni(e -> {
                        LOG.warnf("%s is too large for the dead-letter topic with its headers: sending the headers alone", letter.place());
                        return sendOne(letter, false);
                    })
                    .onFailure(DeadLetterTopic::mayBeTakenLater).invoke(e -> {
                        failedSends.increment();
                        LOG.warnf("Could not dead-letter %s yet, retrying: %s", letter.place(), e.toString());
                    })
                    .onFailure(DeadLetterTopic::mayBeTakenLater).retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(30)).indefinitely()
                    // Kafka will never take this one: failing here would stop the consumer on the same record after
                    // every restart. Its place in the log is all that can be kept of it.
                    .onFailure(refused -> KafkaRefusal.permanent(refused) != null).recoverWithItem(refused -> {
                        refusedLetters.increment();
                        LOG.errorf("Kafka refuses %s on the dead-letter topic for good (%s); passing over it, though it stays readable"
                                + " there while its topic keeps it. Why it was dead-lettered: %s", letter.place(), KafkaRefusal.permanent(refused),
                                letter.reason());
                        return null;
                    }));
        }
        return Uni.join().all(sends).andFailFast().replaceWithVoid();
    }

    private Uni<Void> sendOne(Letter letter, boolean withValue) {
        return Uni.createFrom().deferred(() -> {
            RecordHeaders headers = new RecordHeaders();
            if (withValue && letter.headers() != null) {
                // The record's own, such as its content type; not those of an earlier dead-lettering, replayed with it.
                letter.headers().forEach(h -> {
                    if (!h.key().startsWith("dead-letter-")) {
                        headers.add(h);
                    }
                });
            }
            headers.add("dead-letter-reason", letter.reason().getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-topic", letter.topic().getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-partition", Integer.toString(letter.partition()).getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-offset", Long.toString(letter.offset()).getBytes(StandardCharsets.UTF_8));
            headers.add("dead-letter-consumer", consumer.getBytes(StandardCharsets.UTF_8));
            if (!withValue) {
                headers.add("dead-letter-value", "omitted".getBytes(StandardCharsets.UTF_8));
            } else if (letter.value() == null) {
                headers.add("dead-letter-value", "none".getBytes(StandardCharsets.UTF_8)); // it had none
            }
            OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder().withTopic(topic)
                    .withKey(letter.key()).withHeaders(headers).build();
            byte[] value = withValue && letter.value() != null ? letter.value() : new byte[0];
            return emitter.sendMessage(Message.of(value).addMetadata(metadata));
        });
    }

    private static boolean tooLarge(Throwable failure) {
        return Failures.chain(failure).stream().anyMatch(t -> t instanceof RecordTooLargeException);
    }

    /**
     * Kafka's answer, unless it refused the record itself: Kafka away or busy, the topic or its leader missing, even
     * a refused authorisation, is the system's state, and the same send will be taken once it is put right. Not an
     * emitter that has stopped (the service shutting down, its stream failed): that never passes, and the failure
     * goes to the consumer.
     */
    private static boolean mayBeTakenLater(Throwable failure) {
        return KafkaRefusal.permanent(failure) == null
                && (Failures.chain(failure).stream().anyMatch(t -> t instanceof KafkaException) || Failures.isTransient(failure));
    }
}
