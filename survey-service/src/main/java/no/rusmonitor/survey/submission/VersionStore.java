package no.rusmonitor.survey.submission;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.platform.outbox.OutboxRecord;
import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.survey.idempotency.StoredResponse;

/**
 * The write path of submissions in plain SQL, because it is the hot path: everything a new version
 * needs is read in one round trip ({@link #snapshot}), and the version, the submission's move forward,
 * the outbox event and the idempotency record are written by one statement ({@link #append}), which
 * is atomic on its own and succeeds only if the submission is still as it was read.
 * <p>
 * Works on a pool (each statement its own transaction) or inside a caller's transaction (imports).
 */
@ApplicationScoped
public class VersionStore {

    static final String SNAPSHOT = """
            select s.id, s.current_version, s.row_version, s.draft::text,
                   cur.answers::text as current_answers,
                   (select v.answers::text from submission_version v
                     where v.municipality_code = $5 and v.survey_year = $1 - 1 order by v.version desc limit 1) as last_year,
                   i.request_hash, i.status, i.body, i.etag, i.location
              from (select 1) as one
              left join submission s on s.survey_year = $1 and s.municipality_code = $2
              left join submission_version cur on cur.submission_id = s.id and cur.version = s.current_version
              left join idempotency_record i on i.principal = $3 and i.idem_key = $4
            """;

    /**
     * Moves the submission to the new version only if it is still at the version and row version that
     * were read ($12, $13; a new submission expects no row, and -1 never matches one), clearing the draft
     * the municipality submitted (an operator's import, source $10, leaves the municipality's draft alone),
     * then writes the version, the outbox event and, when there is a key, the idempotency record, all from the one row
     * that moved: if it did not move, nothing is written.
     */
    static final String APPEND = """
            with moved as (
              insert into submission as s (survey_year, municipality_code, current_version, first_submitted_at,
                                           first_submitted_late, last_submitted_at, row_version)
              values ($1, $2, $3, $8, $11, $8, 0)
              on conflict (survey_year, municipality_code) do update
                 set current_version = excluded.current_version, last_submitted_at = excluded.last_submitted_at,
                     first_submitted_at = coalesce(s.first_submitted_at, excluded.first_submitted_at),
                     first_submitted_late = coalesce(s.first_submitted_late, excluded.first_submitted_late),
                     draft = case when $10 = 'import' then s.draft end,
                     draft_saved_at = case when $10 = 'import' then s.draft_saved_at end,
                     draft_saved_by = case when $10 = 'import' then s.draft_saved_by end, row_version = s.row_version + 1
               where s.current_version = $12 and s.row_version = $13
              returning id),
            version as (
              insert into submission_version (submission_id, survey_year, municipality_code, version, survey_version, answers,
                                              changes, acknowledged_warnings, submitted_at, submitted_by, source, late)
              select id, $1, $2, $3, $4, $5::text::jsonb, $6::text::jsonb, $7::text::jsonb, $8, $9, $10, $11 from moved),
            event as (
              insert into outbox_event (event_id, topic, event_key, payload, created_at)
              select $14, $15, $2, $16, $8 from moved),
            remembered as (
              insert into idempotency_record (principal, idem_key, request_hash, status, body, etag, location, created_at)
              select $17, $18, $19, $20, $21, $22, $23, $8 from moved where $18::text is not null)
            select id from moved
            """;

    private final ObjectMapper mapper;
    private final MunicipalityCatalogue catalogue;

    @Inject
    public VersionStore(ObjectMapper mapper, MunicipalityCatalogue catalogue) {
        this.mapper = mapper;
        this.catalogue = catalogue;
    }

    /** What the writer of a new version needs to know, read together. */
    public record Snapshot(Long submissionId, int currentVersion, long rowVersion, ObjectNode draft, ObjectNode currentAnswers,
            ObjectNode lastYearAnswers, String earlierRequestHash, StoredResponse earlier) {

        public boolean exists() {
            return submissionId != null;
        }

        /** The ETag clients hold for this state; the same form as {@link SubmissionEntity#etag()}. */
        public String etag() {
            return exists() ? "\"" + currentVersion + "." + rowVersion + "\"" : null;
        }

        /** The ETag after one more version is appended. */
        String nextEtag() {
            return "\"" + (currentVersion + 1) + "." + (exists() ? rowVersion + 1 : 0) + "\"";
        }
    }

    /** A version ready to append, with its event; {@code remember} is the idempotency record, or null. */
    public record Append(NewVersion version, OutboxRecord event, Remember remember) {
    }

    /** The answer to remember for an Idempotency-Key. */
    public record Remember(String principal, String key, String requestHash, StoredResponse response) {
    }

    /**
     * What a write needs, in one read; last year's answers are those given under the code the municipality had then
     * (MunicipalityCatalogue.lastYearsCodeOf), which the warnings compare with.
     */
    public Uni<Snapshot> snapshot(SqlClient client, int year, String code, String principal, String idempotencyKey) {
        String lastYearsCode = catalogue.lastYearsCodeOf(code, year).orElse(null);
        return client.preparedQuery(SNAPSHOT).execute(Tuple.of(year, code, principal, idempotencyKey, lastYearsCode)).map(rows -> {
            Row row = rows.iterator().next();
            Long id = row.getLong("id");
            StoredResponse earlier = row.getString("request_hash") == null ? null
                    : new StoredResponse(row.getInteger("status"), row.getString("body"), row.getString("etag"), row.getString("location"), true);
            return new Snapshot(id, id == null ? 0 : row.getInteger("current_version"), id == null ? -1 : row.getLong("row_version"),
                    parse(row.getString("draft")), parse(row.getString("current_answers")), parse(row.getString("last_year")),
                    row.getString("request_hash"), earlier);
        });
    }

    /** True if appended; false if the submission moved since {@code read} (another writer won). */
    public Uni<Boolean> append(SqlClient client, Snapshot read, Append append) {
        return client.preparedQuery(APPEND).execute(appendValues(read, append)).map(rows -> rows.size() == 1);
    }

    /** The parameters of {@link #APPEND} for one version. */
    Tuple appendValues(Snapshot read, Append append) {
        NewVersion v = append.version();
        Remember r = append.remember();
        Tuple values = Tuple.tuple(List.of(v.year(), v.municipalityCode(), v.version(), v.surveyVersion(), json(v.answers()),
                json(v.changes()), json(v.acknowledgedWarnings()), OffsetDateTime.ofInstant(v.submittedAt(), ZoneOffset.UTC),
                v.submittedBy(), v.source(), v.late(), read.currentVersion(), read.rowVersion(),
                append.event().eventId(), append.event().topic(), append.event().payload()));
        values.addValue(r == null ? null : r.principal());
        values.addValue(r == null ? null : r.key());
        values.addValue(r == null ? null : r.requestHash());
        values.addValue(r == null ? null : r.response().status());
        values.addValue(r == null ? null : r.response().body());
        values.addValue(r == null ? null : r.response().etag());
        values.addValue(r == null ? null : r.response().location());
        return values;
    }

    private ObjectNode parse(String json) {
        if (json == null) {
            return null;
        }
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
