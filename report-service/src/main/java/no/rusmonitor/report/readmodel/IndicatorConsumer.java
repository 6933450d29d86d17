package no.rusmonitor.report.readmodel;

import static no.rusmonitor.report.readmodel.RecordReading.letter;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import no.rusmonitor.platform.deadletter.DeadLetterTopic;
import no.rusmonitor.platform.problem.Failures;

/**
 * Consumer group {@code report-service} on {@code rusmonitor.indicators.v1}: each polled batch is read,
 * its poison records are dead-lettered, and the rest is upserted in one transaction keeping the highest
 * revision per key and year (an event the database refuses is dead-lettered too); only then is the batch
 * acknowledged (offsets committed). Redelivery after a crash applies the same events again, which changes
 * nothing.
 */
@ApplicationScoped
public class IndicatorConsumer {

    public static final String CHANNEL = "indicators";
    private static final Logger LOG = Logger.getLogger(IndicatorConsumer.class);

    private final IndicatorEventReader reader;
    private final IndicatorValueRepository repository;
    private final DeadLetters deadLetters;
    private final ReadModelRebuild rebuild;
    private final Counter received;
    private final Counter applied;
    private final Counter deadLettered;

    @Inject
    public IndicatorConsumer(IndicatorEventReader reader, IndicatorValueRepository repository, DeadLetters deadLetters,
            ReadModelRebuild rebuild, MeterRegistry registry) {
        this.reader = reader;
        this.repository = repository;
        this.deadLetters = deadLetters;
        this.rebuild = rebuild;
        this.received = Counter.builder("rusmonitor.indicator.events.received").description("Indicator events read from the topic").register(registry);
        this.applied = Counter.builder("rusmonitor.indicator.events.applied")
                .description("Indicator events that changed the read model (older or repeated revisions do not)").register(registry);
        this.deadLettered = Counter.builder("rusmonitor.indicator.events.dead.lettered")
                .description("Records sent to the dead-letter topic").register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        // Reading up to a poll's worth of JSON records is CPU work: on a worker thread, not on the event loop that
        // the service's HTTP requests share. So is preparing them for the database (a tuple and two JSON texts
        // each), which follows a query during a rebuild and a dead-letter send with poison: back to a worker.
        return Uni.createFrom().item(() -> read(batch)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(read -> rebuild.generationBeforeStoring().flatMap(generation -> deadLetter(read.poison())
                        .emitOn(Infrastructure.getDefaultWorkerPool())
                        .flatMap(x -> store(read.good()))
                        .flatMap(x -> rebuild.replayed(generation, read.firstOffsets(), read.lastOffsets())
                                .plug(Failures::waitedOut))
                        .flatMap(x -> Uni.createFrom().completionStage(batch.ack()))));
    }

    /** A batch as read: the events to store, the records to dead-letter, and each partition's first and last offset in it. */
    private record ReadBatch(List<Readable> good, List<DeadLetterTopic.Letter> poison, Map<Integer, Long> firstOffsets,
            Map<Integer, Long> lastOffsets) {
    }

    private ReadBatch read(KafkaRecordBatch<String, byte[]> batch) {
        List<Readable> good = new ArrayList<>();
        List<DeadLetterTopic.Letter> poison = new ArrayList<>();
        Map<Integer, Long> firstOffsets = new HashMap<>();
        Map<Integer, Long> lastOffsets = new HashMap<>();
        for (KafkaRecord<String, byte[]> record : batch) {
            received.increment();
            firstOffsets.merge(record.getPartition(), DeadLetterTopic.offset(record), Math::min);
            lastOffsets.merge(record.getPartition(), DeadLetterTopic.offset(record), Math::max);
            if (record.getPayload() == null) {
                LOG.debugf("Ignoring a tombstone at %s-%d@%d", record.getTopic(), record.getPartition(), DeadLetterTopic.offset(record));
                continue;
            }
            try {
                good.add(new Readable(record, RecordReading.read(record, reader::read)));
            } catch (PoisonEvent e) {
                poison.add(letter(record, e.getMessage()));
            }
        }
        return new ReadBatch(good, poison, firstOffsets, lastOffsets);
    }

    /** A record and what was read from it. */
    private record Readable(KafkaRecord<String, byte[]> record, IndicatorEventReader.Read read) {
    }

    /**
     * Stores the batch in one transaction, waiting out the database's absence. Should the database refuse
     * the batch for any other reason, each event is stored alone, and one it refuses goes to the dead-letter
     * topic: one bad event never holds the others back, nor stops the read model.
     */
    private Uni<Void> store(List<Readable> good) {
        return upsert(good).onFailure().recoverWithUni(failure -> {
            LOG.warnf("The read model refused a batch of %d indicator events, storing them one at a time: %s", good.size(), failure.getMessage());
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (Readable one : good) {
                chain = chain.flatMap(x -> upsert(List.of(one))
                        .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(3)
                        .onFailure().recoverWithUni(
                        alone -> deadLetter(List.of(letter(one.record(), "the read model refused it: " + alone.getMessage())))));
            }
            return chain;
        });
    }

    /**
     * Upserts the events, retrying for as long as the failure is one no event is to blame for: the database away,
     * or the service at fault (its schema not what this build expects, as under an old instance during an upgrade).
     */
    private Uni<Void> upsert(List<Readable> events) {
        return repository.upsert(events.stream().map(Readable::read).toList())
                .onFailure(Failures::isServiceFault).invoke(failure -> LOG.errorf("The read model cannot store any indicator event as it "
                        + "stands (its schema); consumption waits until it is put right: %s", failure.toString()))
                .onFailure(Failures::isTransient).invoke(failure -> LOG.warnf("Could not apply %d indicator events, retrying: %s", events.size(),
                        failure.getMessage()))
                .plug(Failures::waitedOut)
                .invoke(changed -> applied.increment(changed))
                .replaceWithVoid();
    }

    private Uni<Void> deadLetter(List<DeadLetterTopic.Letter> letters) {
        return deadLetters.send(letters).invoke(() -> deadLettered.increment(letters.size()));
    }
}
