package no.rusmonitor.report.readmodel;

import static no.rusmonitor.report.readmodel.RecordReading.letter;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import no.rusmonitor.platform.deadletter.DeadLetterTopic;
import no.rusmonitor.platform.problem.Failures;

/**
 * Consumer group {@code report-service} on {@code rusmonitor.indicator-definitions.v1}: each definition version
 * indicator-service publishes is stored once (a repeat changes nothing), and a record that cannot be read, or that
 * the database refuses, goes to {@code rusmonitor.indicator-definitions.dlq.v1} byte for byte. Each record is
 * acknowledged only after; the consumer goes on either way. One record at a time: a version now and then, not a
 * stream worth batching.
 */
@ApplicationScoped
public class DefinitionConsumer {

    public static final String CHANNEL = "definitions";
    public static final String DEAD_LETTER_CHANNEL = "definitions-dlq";
    private static final Logger LOG = Logger.getLogger(DefinitionConsumer.class);

    private final DefinitionEventReader reader;
    private final IndicatorDefinitionRepository repository;
    private final DefinitionsFromTheBeginning rereading;
    private final DeadLetterTopic deadLetters;
    private final Counter stored;
    private final Counter deadLettered;

    @Inject
    public DefinitionConsumer(DefinitionEventReader reader, IndicatorDefinitionRepository repository,
            @Identifier(DefinitionsFromTheBeginning.LISTENER) DefinitionsFromTheBeginning rereading,
            @Channel(DEAD_LETTER_CHANNEL) MutinyEmitter<byte[]> deadLetterEmitter,
            @ConfigProperty(name = "rusmonitor.topics.indicator-definitions-dlq") String deadLetterTopic, MeterRegistry registry) {
        this.reader = reader;
        this.repository = repository;
        this.rereading = rereading;
        this.deadLetters = new DeadLetterTopic(deadLetterEmitter, deadLetterTopic, "report-service", registry);
        this.stored = Counter.builder("rusmonitor.indicator.definitions.stored")
                .description("Indicator definition versions stored (a repeated version is not)").register(registry);
        this.deadLettered = Counter.builder("rusmonitor.indicator.definitions.dead.lettered")
                .description("Definition records sent to their dead-letter topic").register(registry);
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecord<String, byte[]> record) {
        // Reading JSON is CPU work: on a worker thread, not on the event loop the service's HTTP requests share.
        return Uni.createFrom().deferred(() -> handle(record)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .flatMap(x -> Uni.createFrom().completionStage(record.ack()));
    }

    private Uni<Void> handle(KafkaRecord<String, byte[]> record) {
        if (record.getPayload() == null) {
            return Uni.createFrom().voidItem(); // a tombstone: nothing to store, nothing wrong
        }
        DefinitionEventReader.Read read;
        try {
            read = RecordReading.read(record, reader::read);
        } catch (PoisonEvent e) {
            return deadLetter(record, e.getMessage());
        }
        return store(read).onFailure().recoverWithUni(refused -> deadLetter(record, "the database refused it: " + refused.getMessage()));
    }

    /**
     * Stores the definition, retrying for as long as the failure is one the event is not to blame for: the database
     * away, or the service's own schema not what this build expects (as under an old instance during an upgrade).
     */
    private Uni<Void> store(DefinitionEventReader.Read read) {
        String version = read.definition().indicatorId() + " version " + read.definition().version();
        return repository.insert(read)
                .onFailure(Failures::mustWaitOut).invoke(failure -> LOG.warnf("Could not store definition %s yet, retrying: %s", version,
                        failure.toString()))
                .plug(Failures::waitedOut)
                .invoke(inserted -> {
                    if (inserted) {
                        stored.increment();
                        LOG.infof("Stored indicator definition %s", version);
                    }
                })
                .replaceWithVoid();
    }

    /** Sends the record to the dead-letter topic, unless it went there already before the topic was read again. */
    private Uni<Void> deadLetter(KafkaRecord<String, byte[]> record, String reason) {
        if (rereading.readBefore(record.getTopic(), record.getPartition(), DeadLetterTopic.offset(record))) {
            LOG.debugf("Record %s-%d@%d was dead-lettered when first read: %s", record.getTopic(), record.getPartition(),
                    DeadLetterTopic.offset(record), reason);
            return Uni.createFrom().voidItem();
        }
        return deadLetters.send(List.of(letter(record, reason))).invoke(() -> deadLettered.increment());
    }
}
