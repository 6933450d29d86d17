package no.rusmonitor.indicator.consumer;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.health.Startup;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import no.rusmonitor.platform.health.ConsumerGroupJoined;

/**
 * The submissions consumer's rebalance listener ({@code consumer-rebalance-listener.name}), which tells the
 * startup check that the consumer has joined group {@code indicator-service}.
 */
@Startup
@ApplicationScoped
@Identifier(SubmissionsJoined.LISTENER)
public class SubmissionsJoined extends ConsumerGroupJoined implements KafkaConsumerRebalanceListener {

    public static final String LISTENER = "indicator-submissions-rebalance";

    public SubmissionsJoined() {
        super("Submissions consumer joined its group");
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        joined();
    }
}
