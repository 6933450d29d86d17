package no.rusmonitor.tools.bench;

import static no.rusmonitor.tools.bench.IngestBenchmark.options;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.LongDeserializer;
import org.apache.kafka.common.serialization.LongSerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The freshness benchmark's reference: a plain Kafka producer and consumer on the same broker, at the
 * same steady rate, with the services' producer settings ({@code acks=all}, idempotent,
 * {@code linger.ms=5}). Each record carries the time it was handed to the producer; the consumer (same
 * process, same clock) measures when it gets it. One hop, where a submission makes two (survey-service's
 * outbox to indicator-service) plus the work and the database writes in between.
 * Prints one RESULT line.
 */
public final class KafkaRoundTrip {

    static final String TOPIC = "rusmonitor.bench.roundtrip";

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        String bootstrap = options.getOrDefault("bootstrap", "127.0.0.1:9092");
        double rate = Double.parseDouble(options.getOrDefault("rate", "100"));
        long warmup = Long.parseLong(options.getOrDefault("warmup", "10"));
        long duration = Long.parseLong(options.getOrDefault("duration", "30"));
        createTopic(bootstrap);

        Histogram histogram = new Histogram(60_000_000L, 3);
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong received = new AtomicLong();
        try (KafkaProducer<String, Long> producer = new KafkaProducer<>(producerConfig(bootstrap));
                KafkaConsumer<String, Long> consumer = new KafkaConsumer<>(consumerConfig(bootstrap))) {
            consumer.subscribe(List.of(TOPIC));
            while (consumer.assignment().isEmpty()) {
                consumer.poll(Duration.ofMillis(100));
            }
            consumer.seekToEnd(consumer.assignment());
            Thread reader = new Thread(() -> {
                while (running.get()) {
                    for (ConsumerRecord<String, Long> record : consumer.poll(Duration.ofMillis(100))) {
                        long took = (System.nanoTime() - record.value()) / 1000;
                        if (measuring.get()) {
                            received.incrementAndGet();
                            synchronized (histogram) {
                                histogram.recordValue(Math.min(took, histogram.getHighestTrackableValue()));
                            }
                        }
                    }
                }
            }, "round-trip-consumer");
            reader.start();

            ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor();
            long period = (long) (1e9 / rate);
            sender.scheduleAtFixedRate(() -> producer.send(new ProducerRecord<>(TOPIC, UUID.randomUUID().toString(), System.nanoTime())),
                    0, period, TimeUnit.NANOSECONDS);
            Thread.sleep(warmup * 1000);
            measuring.set(true);
            Thread.sleep(duration * 1000);
            sender.shutdown();
            sender.awaitTermination(5, TimeUnit.SECONDS);
            producer.flush();
            Thread.sleep(1000);
            measuring.set(false);
            running.set(false);
            reader.join();
            synchronized (histogram) {
                System.out.printf(Locale.ROOT, "RESULT received=%d p50_ms=%.2f p95_ms=%.2f p99_ms=%.2f max_ms=%.2f%n", received.get(),
                        histogram.getValueAtPercentile(50) / 1000.0, histogram.getValueAtPercentile(95) / 1000.0,
                        histogram.getValueAtPercentile(99) / 1000.0, histogram.getMaxValue() / 1000.0);
            }
        }
    }

    /** The broker does not create topics on use; this one belongs to the benchmark alone. */
    private static void createTopic(String bootstrap) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static Map<String, Object> producerConfig(String bootstrap) {
        return Map.of("bootstrap.servers", bootstrap, "acks", "all", "enable.idempotence", "true", "linger.ms", "5",
                "key.serializer", StringSerializer.class.getName(), "value.serializer", LongSerializer.class.getName());
    }

    private static Map<String, Object> consumerConfig(String bootstrap) {
        return Map.of("bootstrap.servers", bootstrap, "group.id", "rusmonitor-bench-roundtrip", "enable.auto.commit", "false",
                "key.deserializer", StringDeserializer.class.getName(), "value.deserializer", LongDeserializer.class.getName());
    }
}
