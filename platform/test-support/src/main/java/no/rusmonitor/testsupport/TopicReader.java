package no.rusmonitor.testsupport;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/** A real Kafka consumer, as a downstream service would have, for reading back what was published. */
public final class TopicReader implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    private TopicReader(KafkaConsumer<String, String> consumer) {
        this.consumer = consumer;
    }

    /** Reads only what is published from now on. */
    public static TopicReader fromEnd(String bootstrapServers, String topic) {
        return open(bootstrapServers, topic, false);
    }

    /** Reads everything the topic holds, then what is published. */
    public static TopicReader fromBeginning(String bootstrapServers, String topic) {
        return open(bootstrapServers, topic, true);
    }

    private static TopicReader open(String bootstrapServers, String topic, boolean fromBeginning) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(10))) {
            partitions.add(new TopicPartition(topic, info.partition()));
        }
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
        partitions.forEach(consumer::position);
        return new TopicReader(consumer);
    }

    /** Waits up to 30 s for {@code count} records matching {@code filter}, in the order they were read. */
    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> filter, int count) {
        return await(filter, count, Duration.ofSeconds(30));
    }

    public List<ConsumerRecord<String, String>> await(Predicate<ConsumerRecord<String, String>> filter, int count, Duration timeout) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (found.size() < count && Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (filter.test(record)) {
                    found.add(record);
                }
            }
        }
        if (found.size() < count) {
            throw new AssertionError("expected " + count + " records on the topic within " + timeout + ", got " + found.size());
        }
        return found;
    }

    /** Everything matching that arrives within {@code window}. */
    public List<ConsumerRecord<String, String>> collect(Predicate<ConsumerRecord<String, String>> filter, Duration window) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(window);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (filter.test(record)) {
                    found.add(record);
                }
            }
        }
        return found;
    }

    /** Reads until {@code done} says so after a record, or {@code timeout}; returns what was read. */
    public List<ConsumerRecord<String, String>> collectUntil(Predicate<ConsumerRecord<String, String>> done, Duration timeout) {
        List<ConsumerRecord<String, String>> read = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                read.add(record);
                if (done.test(record)) {
                    return read;
                }
            }
        }
        return read;
    }

    /**
     * Everything matching {@code filter} up to the end the topic has now: each partition read until its
     * position reaches the end offset taken at the call. Unlike {@link #collect}, no time window decides
     * what is seen, so a count of what is there is exact.
     */
    public List<ConsumerRecord<String, String>> readToEnd(Predicate<ConsumerRecord<String, String>> filter) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(10));
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        Instant deadline = Instant.now().plusSeconds(30);
        while (ends.entrySet().stream().anyMatch(end -> consumer.position(end.getKey()) < end.getValue())) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("could not read the topic to its end within 30 s");
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition())) && filter.test(record)) {
                    found.add(record);
                }
            }
        }
        return found;
    }

    @Override
    public void close() {
        consumer.close();
    }
}
