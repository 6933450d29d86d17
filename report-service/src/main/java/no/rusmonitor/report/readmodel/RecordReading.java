package no.rusmonitor.report.readmodel;

import java.nio.charset.CharacterCodingException;

import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import no.rusmonitor.platform.deadletter.DeadLetterTopic;
import no.rusmonitor.platform.json.Utf8;

/** What every consumer here does with a record before it uses it: read its value, or say why it goes to the dead-letter topic. */
final class RecordReading {

    private static final Logger LOG = Logger.getLogger(RecordReading.class);

    /** Reads one event from its UTF-8 text. */
    @FunctionalInterface
    interface EventReader<T> {
        T read(String json) throws PoisonEvent;
    }

    private RecordReading() {
    }

    /**
     * The event in the record. Whatever the reader did not foresee is poison too: thrown out of a consumer it would
     * stop the channel on the same record after every restart.
     */
    static <T> T read(KafkaRecord<String, byte[]> record, EventReader<T> reader) throws PoisonEvent {
        try {
            return reader.read(utf8(record.getPayload()));
        } catch (PoisonEvent e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Reading record %s-%d@%d failed", record.getTopic(), record.getPartition(), DeadLetterTopic.offset(record));
            throw new PoisonEvent("could not be read: " + e);
        }
    }

    /** The record as it came, byte for byte, with why it goes to the dead-letter topic. */
    static DeadLetterTopic.Letter letter(KafkaRecord<String, byte[]> record, String reason) {
        return DeadLetterTopic.Letter.of(record, record.getPayload(), reason);
    }

    private static String utf8(byte[] bytes) throws PoisonEvent {
        try {
            return Utf8.decode(bytes);
        } catch (CharacterCodingException e) {
            throw new PoisonEvent("not valid UTF-8");
        }
    }
}
