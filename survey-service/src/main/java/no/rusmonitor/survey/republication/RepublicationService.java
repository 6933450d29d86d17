package no.rusmonitor.survey.republication;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.platform.outbox.OutboxRecord;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.survey.outbox.SubmissionAccepted;
import no.rusmonitor.survey.outbox.SubmissionEvents;

/**
 * Sends a municipality's newest submitted version again, through the outbox like any accepted version. For
 * an event a consumer could not use and dead-lettered once (the reason fixed since), or a consumer's database
 * restored to before it: each consumer takes a version it does not hold yet and ignores one it does, so
 * sending again is always safe. Nothing in survey-service's own data changes.
 */
@ApplicationScoped
public class RepublicationService {

    private static final Logger LOG = Logger.getLogger(RepublicationService.class);

    static final String NEWEST = """
            select version, survey_version, answers::text as answers, changes::text as changes, submitted_at, submitted_by, source, late
              from submission_version where municipality_code = $1 and survey_year = $2 order by version desc limit 1
            """;

    private final Pool pool;
    private final SubmissionEvents events;
    private final ObjectMapper mapper;
    private final Clock clock;

    @Inject
    public RepublicationService(Pool pool, SubmissionEvents events, ObjectMapper mapper, Clock clock) {
        this.pool = pool;
        this.events = events;
        this.mapper = mapper;
        this.clock = clock;
    }

    public Uni<Republication> republish(int year, String code, String by) {
        return pool.preparedQuery(NEWEST).execute(Tuple.of(code, year)).flatMap(rows -> {
            if (rows.size() == 0) {
                throw ApiException.notFound("Municipality " + code + " has submitted nothing for " + year + ": there is nothing to send again.");
            }
            Row row = rows.iterator().next();
            OutboxRecord event = events.accepted(accepted(year, code, row));
            Instant now = clock.instant();
            return pool.preparedQuery(OutboxRecord.INSERT)
                    .execute(Tuple.of(event.eventId(), event.topic(), event.key(), event.payload(), now.atOffset(ZoneOffset.UTC)))
                    .map(inserted -> {
                        LOG.infof("%s sent %s/%d v%d again (event %s)", by, code, year, row.getInteger("version"), event.eventId());
                        return new Republication(code, year, row.getInteger("version"), event.eventId(), now, by);
                    });
        });
    }

    /** The event's data as when the version was accepted. */
    private SubmissionAccepted accepted(int year, String code, Row row) {
        try {
            List<String> changed = new ArrayList<>();
            for (JsonNode change : mapper.readTree(row.getString("changes"))) {
                changed.add(change.path("question").asText());
            }
            return new SubmissionAccepted(code, year, row.getInteger("survey_version"), row.getInteger("version"),
                    row.getOffsetDateTime("submitted_at").toInstant(), row.getString("submitted_by"), row.getString("source"), row.getBoolean("late"),
                    (ObjectNode) mapper.readTree(row.getString("answers")), changed);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored version of " + code + "/" + year + " cannot be read", e);
        }
    }
}
