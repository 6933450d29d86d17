package no.rusmonitor.report.readmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.internals.AutoOffsetResetStrategy;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The definitions are read again from the start at each assignment, and what the group had read is known as read. */
class DefinitionsFromTheBeginningTest {

    private static final String TOPIC = "rusmonitor.indicator-definitions.v1";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>(AutoOffsetResetStrategy.EARLIEST.name());
    private final DefinitionsFromTheBeginning listener = new DefinitionsFromTheBeginning();

    DefinitionsFromTheBeginningTest() {
        consumer.assign(List.of(PARTITION));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 12L));
    }

    @Test
    void goesBackToTheBeginningAndKnowsWhatTheGroupHadRead() {
        consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(7)));
        listener.onPartitionsAssigned(consumer, List.of(PARTITION));

        assertEquals(0, consumer.position(PARTITION), "read from the beginning again");
        assertTrue(listener.readBefore(TOPIC, 0, 6), "a record before the committed offset was handled once already");
        assertFalse(listener.readBefore(TOPIC, 0, 7), "the first the group had not read is new");
        assertFalse(listener.readBefore(TOPIC, 0, -1), "a record without an offset is never taken for one read before");
        assertFalse(listener.readBefore("another.topic", 0, 3));
    }

    @Test
    void anOffsetCommittedLowerAfterwardsDoesNotForgetWhatWasRead() {
        // A process that gets the partition for the first time commits from the beginning again while it catches up.
        consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(7)));
        listener.onPartitionsAssigned(consumer, List.of(PARTITION));
        consumer.commitSync(Map.of(PARTITION, new OffsetAndMetadata(2)));
        listener.onPartitionsAssigned(consumer, List.of(PARTITION));

        assertTrue(listener.readBefore(TOPIC, 0, 6));
    }

    @Test
    void aGroupThatNeverCommittedHasReadNothing() {
        listener.onPartitionsAssigned(consumer, List.of(PARTITION));
        assertFalse(listener.readBefore(TOPIC, 0, 0));
    }
}
