package no.rusmonitor.report.readmodel;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * The definitions consumer reads its topic from the beginning whenever it is given a partition. The topic holds
 * a few dozen records (every version ever published, kept for good) and storing one again changes nothing, so
 * this costs next to nothing, and it keeps table {@code indicator_definition} whole whatever happened to the
 * database behind the group's offsets: a new one, or a backup restored from before some versions arrived.
 * <p>
 * It remembers where the group had committed before it went back, so that a record read before, which went to
 * the dead-letter topic then, is not dead-lettered once more at every rebalance ({@link #readBefore}).
 */
@ApplicationScoped
@Identifier(DefinitionsFromTheBeginning.LISTENER)
public class DefinitionsFromTheBeginning implements KafkaConsumerRebalanceListener {

    public static final String LISTENER = "report-definitions-rebalance";
    private static final Logger LOG = Logger.getLogger(DefinitionsFromTheBeginning.class);

    private final Map<TopicPartition, Long> committedBefore = new ConcurrentHashMap<>();

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new HashSet<>(partitions));
            // The highest seen: a process that reads the partition for the first time commits from the beginning
            // again, below where the group had been, until it has caught up.
            committed.forEach((partition, offset) -> committedBefore.merge(partition, offset == null ? 0L : offset.offset(), Math::max));
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (KafkaException e) {
            // Not known, then: a poison record read again is dead-lettered again, which is all it costs.
            LOG.warnf("Could not read the committed offsets of %s: %s", partitions, e.getMessage());
        }
        consumer.seekToBeginning(partitions);
    }

    /** Whether the group had already read past this record before the last assignment sent it back to the beginning. */
    public boolean readBefore(String topic, int partition, long offset) {
        return offset >= 0 && offset < committedBefore.getOrDefault(new TopicPartition(topic, partition), 0L);
    }
}
