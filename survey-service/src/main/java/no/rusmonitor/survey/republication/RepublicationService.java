package no.rusmonitor.survey.republication;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.platform.outbox.OutboxRecord;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.survey.outbox.SubmissionEvents;
import no.rusmonitor.survey.submission.NewVersion;
import no.rusmonitor.survey.submission.SubmissionVersionRepository;

/**
 * Sends a municipality's newest submitted version again, through the outbox like any accepted version. For
 * an event a consumer could not use and dead-lettered once (the reason fixed since), or a consumer's database
 * restored to before it: each consumer takes a version it does not hold yet and ignores one it does, so
 * sending again is always safe. Nothing in survey-service's own data changes.
 */
@ApplicationScoped
public class RepublicationService {

    private static final Logger LOG = Logger.getLogger(RepublicationService.class);

    private final SubmissionVersionRepository versions;
    private final Pool pool;
    private final SubmissionEvents events;
    private final Clock clock;

    @Inject
    public RepublicationService(SubmissionVersionRepository versions, Pool pool, SubmissionEvents events, Clock clock) {
        this.versions = versions;
        this.pool = pool;
        this.events = events;
        this.clock = clock;
    }

    public Uni<Republication> republish(int year, String code, String by) {
        // The session ends with the read, before the insert takes a connection of its own: a session holds its
        // connection, and waiting in one for a second from the same pool could wait for ever.
        return Panache.withSession(() -> versions.latest(code, year)).flatMap(stored -> {
            if (stored == null) {
                throw ApiException.notFound("Municipality " + code + " has submitted nothing for " + year + ": there is nothing to send again.");
            }
            // The event as when the version was accepted, under a new id.
            OutboxRecord event = events.accepted(NewVersion.stored(stored).event());
            Instant now = clock.instant();
            return pool.preparedQuery(OutboxRecord.INSERT)
                    .execute(Tuple.of(event.eventId(), event.topic(), event.key(), event.payload(), now.atOffset(ZoneOffset.UTC)))
                    .map(inserted -> {
                        LOG.infof("%s sent %s/%d v%d again (event %s)", by, code, year, stored.version, event.eventId());
                        return new Republication(code, year, stored.version, event.eventId(), now, by);
                    });
        });
    }
}
