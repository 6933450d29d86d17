package no.rusmonitor.platform.outbox;

import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;

import no.rusmonitor.platform.problem.Failures;

/**
 * Tells a send that can never succeed from one that may succeed later. Only refusals of the record itself
 * count (too large for the producer or the topic, not a valid record); a broker away, a missing topic or a
 * refused authorisation is the system's state, not the event's, and is waited out.
 */
public final class KafkaRefusal {

    private KafkaRefusal() {
    }

    /** The reason Kafka will never take the event, or null when sending it again may succeed. */
    public static String permanent(Throwable failure) {
        for (Throwable cause : Failures.chain(failure)) {
            if (cause instanceof RecordTooLargeException || cause instanceof InvalidRecordException || cause instanceof SerializationException) {
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
        }
        return null;
    }
}
