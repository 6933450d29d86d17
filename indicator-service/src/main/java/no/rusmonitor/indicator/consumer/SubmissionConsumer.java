package no.rusmonitor.indicator.consumer;

import java.nio.charset.CharacterCodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import no.rusmonitor.indicator.compute.AnswerSet;
import no.rusmonitor.indicator.engine.IndicatorEngine;
import no.rusmonitor.indicator.engine.SubmissionBatches;
import no.rusmonitor.platform.deadletter.DeadLetterTopic;
import no.rusmonitor.platform.json.Utf8;
import no.rusmonitor.platform.problem.Failures;

/**
 * Takes in submission events (consumer group {@code indicator-service}).
 * <p>
 * Records are handed to the engine in the order of their partition, without waiting for the one before
 * to be applied: the engine applies what waits together in one job, in the order handed in, so a backlog
 * drains in a few large jobs instead of one job per record. Each record is acknowledged when it has been
 * applied (the connector's throttled commit strategy commits a partition's offset only up to the first
 * record not yet acknowledged), so a restart takes in again what was not applied, and the engine
 * recognises what it already holds by its submission version. {@link InFlightLimit} caps how many are
 * handed in and not yet applied.
 * <p>
 * A malformed record is sent to the dead-letter topic with the reason. An infrastructure failure (the
 * database away) is retried until it passes, so no event is lost or dead-lettered for it; any other
 * failure is retried a few times and then dead-lettered with its reason, so that one record cannot stop
 * the consumption of every municipality. A retried record may then be applied after a newer version of
 * the same municipality; the engine keeps the newest version, so the outcome is the same.
 */
@ApplicationScoped
public class SubmissionConsumer {

    private static final Logger LOG = Logger.getLogger(SubmissionConsumer.class);
    /** The outgoing channel of the dead-letter topic. */
    static final String DEAD_LETTERS = "submissions-dlq";

    private final SubmissionEventReader reader;
    private final SubmissionBatches batches;
    private final MeterRegistry registry;
    private final InFlightLimit inFlight;
    private final Timer age;
    private final DeadLetterTopic deadLetters;

    @Inject
    public SubmissionConsumer(SubmissionEventReader reader, SubmissionBatches batches, MeterRegistry registry,
            @ConfigProperty(name = "rusmonitor.consumer.max-in-flight", defaultValue = "200") int maxInFlight,
            @Channel(DEAD_LETTERS) MutinyEmitter<byte[]> deadLetterEmitter,
            @ConfigProperty(name = "rusmonitor.topics.submissions-dlq") String deadLetterTopic) {
        this.deadLetters = new DeadLetterTopic(deadLetterEmitter, deadLetterTopic, "indicator-service", registry);
        this.reader = reader;
        this.batches = batches;
        this.registry = registry;
        this.inFlight = new InFlightLimit(maxInFlight);
        this.age = Timer.builder("rusmonitor.indicator.events.age")
                .description("Time from an event's record timestamp to its values being stored (how far behind the consumer is)")
                .publishPercentiles(0.5, 0.99).register(registry);
        Gauge.builder("rusmonitor.indicator.events.in.flight", inFlight, InFlightLimit::taken)
                .description("Submission events handed to the engine and not yet applied").register(registry);
    }

    /** Returns once the record is handed to the engine (or dead-lettered); it is acknowledged when applied. */
    @Incoming("submissions")
    public Uni<Void> consume(IncomingKafkaRecord<String, byte[]> record) {
        AnswerSet answers;
        try {
            answers = reader.read(record.getKey(), text(record.getPayload()));
        } catch (MalformedEvent e) {
            return deadLetter(record, e);
        } catch (RuntimeException e) {
            // A record the reader did not foresee: thrown out of here it would stop the channel, and come back to
            // stop it again after every restart. Dead-lettered with the reason instead, as a malformed one is.
            LOG.errorf(e, "Reading record %s-%d@%d failed", record.getTopic(), record.getPartition(), record.getOffset());
            return deadLetter(record, new MalformedEvent("could not be read: " + e));
        }
        Instant published = record.getTimestamp();
        return inFlight.acquire().invoke(() -> apply(answers, published).subscribe().with(
                result -> finish(record.ack()),
                failure -> finish(sendToDeadLetterTopic(record, failure).subscribeAsCompletionStage()
                        .exceptionallyCompose(notDeadLettered -> failRecord(record, notDeadLettered)))));
    }

    /** The record's value as text; none stays none, for the reader to refuse. */
    private static String text(byte[] value) throws MalformedEvent {
        if (value == null) {
            return null;
        }
        try {
            return Utf8.decode(value);
        } catch (CharacterCodingException e) {
            throw new MalformedEvent("not valid UTF-8");
        }
    }

    private Uni<Void> deadLetter(IncomingKafkaRecord<String, byte[]> record, MalformedEvent reason) {
        count("dead_lettered");
        return sendToDeadLetterTopic(record, reason);
    }

    /**
     * Sends the record to the dead-letter topic, waiting for as long as Kafka does not take it (holding its
     * partition, as a good record waits out the database), then acknowledges it.
     */
    private Uni<Void> sendToDeadLetterTopic(IncomingKafkaRecord<String, byte[]> record, Throwable reason) {
        return deadLetters.send(List.of(DeadLetterTopic.Letter.of(record, record.getPayload(), reason.getMessage())))
                .flatMap(x -> Uni.createFrom().completionStage(record::ack));
    }

    private Uni<IndicatorEngine.ApplyResult> apply(AnswerSet answers, Instant published) {
        return batches.apply(answers)
                .onFailure().invoke(failure -> LOG.warnf("Could not apply %s/%d v%d, retrying: %s", answers.municipalityCode(), answers.year(),
                        answers.submissionVersion(), failure.toString()))
                .onFailure(Failures::isServiceFault).invoke(failure -> LOG.errorf("indicator-service cannot apply any submission as it "
                        + "stands (its schema or stored definitions); consumption waits until it is put right: %s", failure.toString()))
                .onFailure(IndicatorEngine::ranOutOfTime).invoke(failure -> LOG.errorf("A job applying submissions was cancelled, "
                        + "probably by its time limit (rusmonitor.engine.statement-timeout or idle-timeout): another instance may "
                        + "hold the writers' lock (compute_state), or a statement took too long; retrying: %s", failure.toString()))
                // The database or the network away, or the service itself at fault (a table a migration dropped under
                // an old instance): wait it out, never dead-letter a good event for it.
                .plug(Failures::waitedOut)
                // Anything else a few times; if it persists the record goes to the dead-letter topic with the reason.
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(4)
                .onFailure().transform(failure -> {
                    count("failed");
                    return new MalformedEvent("processing failed: " + failure);
                })
                .invoke(result -> {
                    count(result.outcome().name());
                    if (published != null && published.toEpochMilli() > 0) {
                        age.record(Duration.ofMillis(Math.max(0, Instant.now().toEpochMilli() - published.toEpochMilli())));
                    }
                });
    }

    /**
     * Neither applied nor dead-lettered (the dead-letter producer has stopped: the service shutting down, or its
     * stream failed). Left unacknowledged, the record would hold its partition's committed offset back for good
     * without a word; failed, it stops the channel ({@code failure-strategy=fail}), which the health checks show,
     * and it is delivered again after the restart.
     */
    private static CompletionStage<Void> failRecord(IncomingKafkaRecord<String, byte[]> record, Throwable failure) {
        LOG.errorf("Submission record %s-%d@%d was neither applied nor dead-lettered: %s", record.getTopic(), record.getPartition(),
                record.getOffset(), failure.toString());
        return record.nack(failure);
    }

    private void finish(CompletionStage<Void> acknowledgement) {
        acknowledgement.whenComplete((x, failure) -> {
            inFlight.release();
            if (failure != null) {
                LOG.warnf("Could not acknowledge a submission record: %s", failure.toString());
            }
        });
    }

    private void count(String outcome) {
        Counter.builder("rusmonitor.indicator.events.consumed").description("Submission events taken in, by outcome").tag("outcome", outcome)
                .register(registry).increment();
    }
}
