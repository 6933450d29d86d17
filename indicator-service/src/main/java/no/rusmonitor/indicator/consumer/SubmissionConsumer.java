package no.rusmonitor.indicator.consumer;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.smallrye.mutiny.Uni;
import no.rusmonitor.indicator.compute.AnswerSet;
import no.rusmonitor.platform.problem.Failures;
import no.rusmonitor.indicator.engine.IndicatorEngine;

/**
 * Takes in submission events (consumer group {@code indicator-service}), one at a time, so that each
 * municipality's versions are applied in the order of their partition. A malformed record fails and the
 * connector sends it to the dead-letter topic with the reason; an infrastructure failure (the database
 * away) is retried until it passes, so no event is lost or dead-lettered for it; any other failure is
 * retried a few times and then dead-lettered with its reason, so that one record cannot stop the
 * consumption of every municipality.
 */
@ApplicationScoped
public class SubmissionConsumer {

    private static final Logger LOG = Logger.getLogger(SubmissionConsumer.class);

    private final SubmissionEventReader reader;
    private final IndicatorEngine engine;
    private final MeterRegistry registry;
    private final Timer age;

    @Inject
    public SubmissionConsumer(SubmissionEventReader reader, IndicatorEngine engine, MeterRegistry registry) {
        this.reader = reader;
        this.engine = engine;
        this.registry = registry;
        this.age = Timer.builder("rusmonitor.indicator.events.age")
                .description("Time from an event's record timestamp to its values being stored (how far behind the consumer is)")
                .publishPercentiles(0.5, 0.99).register(registry);
    }

    @Incoming("submissions")
    public Uni<Void> consume(ConsumerRecord<String, String> record) {
        AnswerSet answers;
        try {
            answers = reader.read(record.key(), record.value());
        } catch (MalformedEvent e) {
            count("dead_lettered");
            LOG.warnf("Dead-lettering record %s-%d@%d: %s", record.topic(), record.partition(), record.offset(), e.getMessage());
            return Uni.createFrom().failure(e);
        }
        return engine.apply(answers)
                .onFailure().invoke(failure -> LOG.warnf("Could not apply %s/%d v%d, retrying: %s", answers.municipalityCode(), answers.year(),
                        answers.submissionVersion(), failure.toString()))
                // The database or the network away: wait it out, never dead-letter a good event for it.
                .onFailure(Failures::isTransient).retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely()
                // Anything else a few times; if it persists the record goes to the dead-letter topic with the reason.
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(2)).atMost(4)
                .onFailure().transform(failure -> {
                    count("failed");
                    return new MalformedEvent("processing failed: " + failure);
                })
                .invoke(result -> {
                    count(result.outcome().name());
                    if (record.timestamp() > 0) {
                        age.record(Duration.ofMillis(Math.max(0, Instant.now().toEpochMilli() - record.timestamp())));
                    }
                })
                .replaceWithVoid();
    }

    private void count(String outcome) {
        Counter.builder("rusmonitor.indicator.events.consumed").description("Submission events taken in, by outcome").tag("outcome", outcome)
                .register(registry).increment();
    }
}
