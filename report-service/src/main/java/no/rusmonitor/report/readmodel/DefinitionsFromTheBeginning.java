package no.rusmonitor.report.readmodel;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * The definitions consumer reads its topic from the beginning whenever it is given a partition. The topic holds
 * a few dozen records (every version ever published, kept for good) and storing one again changes nothing, so
 * this costs next to nothing, and it keeps table {@code indicator_definition} whole whatever happened to the
 * database behind the group's offsets: a new one, or a backup restored from before some versions arrived.
 */
@ApplicationScoped
@Identifier(DefinitionsFromTheBeginning.LISTENER)
public class DefinitionsFromTheBeginning implements KafkaConsumerRebalanceListener {

    public static final String LISTENER = "report-definitions-rebalance";

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        consumer.seekToBeginning(partitions);
    }
}
