package no.rusmonitor.platform.outbox;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletionException;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;

/** Only a refusal of the record itself is for good; Kafka's state is waited out. */
class KafkaRefusalTest {

    @Test
    void aRecordTooLargeIsRefusedForGoodWhereverItIsWrapped() {
        String reason = KafkaRefusal.permanent(new CompletionException(new RecordTooLargeException("The message is 2000000 bytes")));
        assertTrue(reason.startsWith("RecordTooLargeException: The message is 2000000 bytes"), reason);
    }

    @Test
    void aBrokerAwayAMissingTopicOrARefusedAuthorisationIsWaitedOut() {
        assertNull(KafkaRefusal.permanent(new TimeoutException("Expiring 1 record(s)")));
        assertNull(KafkaRefusal.permanent(new UnknownTopicOrPartitionException("unknown")));
        assertNull(KafkaRefusal.permanent(new TopicAuthorizationException("not allowed")));
        assertNull(KafkaRefusal.permanent(new IllegalStateException("anything else")));
    }
}
