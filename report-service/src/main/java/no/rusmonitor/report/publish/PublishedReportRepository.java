package no.rusmonitor.report.publish;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.platform.outbox.OutboxRecord;
import no.rusmonitor.platform.request.IdempotencyKey;
import no.rusmonitor.report.readmodel.IndicatorValue;
import no.rusmonitor.report.report.Figure;

/** Published versions: written once with their content and their outbox event, never updated. */
@ApplicationScoped
public class PublishedReportRepository {

    private final Pool pool;
    private final ObjectMapper mapper;
    /**
     * Reads what an earlier release froze: a field it wrote that this release's types no longer have is passed
     * over, so that older versions stay readable (the service's own mapper refuses unknown fields, for requests).
     */
    private final ObjectMapper storedReader;

    @Inject
    public PublishedReportRepository(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
        this.storedReader = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    }

    /**
     * A version ready to be stored: its row, its bytes per format and language, and its event. Its figures (per
     * language) and sources are JSON already ({@link #json}), written on the render thread that built them:
     * {@link #insert} runs on the event loop, and a national report's sources are about 3 MB of it.
     */
    public record Snapshot(String reportId, int version, String kind, int year, String areaCode, Instant publishedAt, String publishedBy,
            String figuresJson, String sourcesJson, int sourceCount, List<Content> contents, OutboxRecord event) {
    }

    /** How long an Idempotency-Key is remembered. */
    static final Duration KEYS_KEPT = Duration.ofDays(30);

    public record Content(String format, String lang, String mediaType, byte[] body, String sha256) {
    }

    public Uni<Integer> latestVersion(String reportId) {
        return pool.preparedQuery("select max(version) from published_report where report_key = $1").execute(Tuple.of(reportId))
                .map(rows -> rows.iterator().next().getInteger(0));
    }

    /**
     * The version {@code principal} published with {@code idempotencyKey} within {@link #KEYS_KEPT} of {@code now}, or
     * null; a key it used for another report is refused.
     */
    public Uni<Integer> publishedWith(String principal, String idempotencyKey, String reportId, Instant now) {
        return pool.preparedQuery("select report_key, version from publish_request where principal = $1 and idempotency_key = $2 "
                + "and created_at > $3").execute(Tuple.of(principal, idempotencyKey, OffsetDateTime.ofInstant(now, ZoneOffset.UTC).minus(KEYS_KEPT)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    if (!reportId.equals(row.getString("report_key"))) {
                        throw IdempotencyKey.reused();
                    }
                    return row.getInteger("version");
                });
    }

    /**
     * Stores the version, its content and its event, and the Idempotency-Key its publisher asked with (if any), in
     * one transaction; keys older than {@link #KEYS_KEPT} are forgotten in it. Two analysts publishing the same
     * report at once: one gets the number, the other a unique-key violation (answered 409). Only binds what the
     * snapshot holds: nothing is written out as JSON here.
     */
    public Uni<Void> insert(Snapshot s, String idempotencyKey) {
        Tuple report = Tuple.from(new Object[] { s.reportId(), s.version(), s.kind(), s.year(), s.areaCode(),
                OffsetDateTime.ofInstant(s.publishedAt(), ZoneOffset.UTC), s.publishedBy(), s.figuresJson(), s.sourcesJson(),
                s.sourceCount() });
        List<Tuple> contents = new ArrayList<>();
        for (Content c : s.contents()) {
            contents.add(Tuple.from(new Object[] { s.reportId(), s.version(), c.format(), c.lang(), c.mediaType(), Buffer.buffer(c.body()), c.sha256() }));
        }
        OutboxRecord e = s.event();
        return pool.withTransaction(connection -> connection.preparedQuery("insert into published_report (report_key, version, kind, year, "
                + "area_code, published_at, published_by, figures, sources, source_count) values ($1, $2, $3, $4, $5, $6, $7, "
                + "cast(cast($8 as text) as jsonb), cast(cast($9 as text) as jsonb), $10)").execute(report)
                .flatMap(x -> connection.preparedQuery("insert into published_content (report_key, version, format, lang, media_type, body, "
                        + "sha256) values ($1, $2, $3, $4, $5, $6, $7)").executeBatch(contents))
                .flatMap(x -> connection.preparedQuery(OutboxRecord.INSERT)
                        .execute(Tuple.of(e.eventId(), e.topic(), e.key(), e.payload(), OffsetDateTime.ofInstant(s.publishedAt(), ZoneOffset.UTC))))
                .flatMap(x -> idempotencyKey == null ? Uni.createFrom().voidItem() : remember(connection, s, idempotencyKey))
                .replaceWithVoid());
    }

    private static Uni<Void> remember(SqlConnection connection, Snapshot s, String idempotencyKey) {
        OffsetDateTime at = OffsetDateTime.ofInstant(s.publishedAt(), ZoneOffset.UTC);
        // Keys past their time go first: one of them may be this key, used again once forgotten.
        return connection.preparedQuery("delete from publish_request where created_at <= $1").execute(Tuple.of(at.minus(KEYS_KEPT)))
                .flatMap(x -> connection.preparedQuery("insert into publish_request (principal, idempotency_key, report_key, version, "
                        + "created_at) values ($1, $2, $3, $4, $5)").execute(Tuple.of(s.publishedBy(), idempotencyKey, s.reportId(), s.version(), at)))
                .replaceWithVoid();
    }

    public Uni<List<VersionSummary>> versions(String reportId, String path) {
        return pool.preparedQuery("select version, published_at, published_by, source_count from published_report where report_key = $1 "
                + "order by version").execute(Tuple.of(reportId)).map(rows -> {
                    List<VersionSummary> versions = new ArrayList<>();
                    for (Row row : rows) {
                        int version = row.getInteger("version");
                        versions.add(new VersionSummary(reportId, version, row.getOffsetDateTime("published_at").toInstant(),
                                row.getString("published_by"), row.getInteger("source_count"), PublishService.links(path, version)));
                    }
                    return versions;
                });
    }

    /** Every report with at least one published version, and its newest. */
    public Uni<List<VersionSummary>> latestOfEach() {
        return pool.query("select distinct on (report_key) report_key, kind, year, area_code, version, published_at, published_by, "
                + "source_count from published_report order by report_key, version desc").execute().map(rows -> {
                    List<VersionSummary> versions = new ArrayList<>();
                    for (Row row : rows) {
                        String id = row.getString("report_key");
                        String path = "national".equals(row.getString("kind")) ? "/api/reports/national/" + row.getInteger("year")
                                : "/api/reports/municipalities/" + row.getString("area_code") + "/" + row.getInteger("year");
                        int version = row.getInteger("version");
                        versions.add(new VersionSummary(id, version, row.getOffsetDateTime("published_at").toInstant(),
                                row.getString("published_by"), row.getInteger("source_count"), PublishService.links(path, version)));
                    }
                    return versions;
                });
    }

    /** Null when there is no such version, format or language. */
    public Uni<StoredContent> content(String reportId, int version, String format, String lang) {
        return pool.preparedQuery("select media_type, body, sha256 from published_content where report_key = $1 and version = $2 "
                + "and format = $3 and lang = $4").execute(Tuple.of(reportId, version, format, lang)).map(rows -> {
                    if (rows.size() == 0) {
                        return null;
                    }
                    Row row = rows.iterator().next();
                    return new StoredContent(row.getString("media_type"), row.getBuffer("body").getBytes(), row.getString("sha256"));
                });
    }

    /**
     * A version's figures in one language as stored (JSON text), null when there is none. Read them with
     * {@link #readFigures} on the thread that needs them: the text arrives on the event loop, and a national
     * report's figures, like its sources, are too much to parse there.
     */
    public Uni<String> figuresJson(String reportId, int version, String lang) {
        return pool.preparedQuery("select (figures -> $3)::text from published_report where report_key = $1 and version = $2")
                .execute(Tuple.of(reportId, version, lang)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    public List<Figure> readFigures(String json) {
        return read(json, new TypeReference<List<Figure>>() {
        });
    }

    /** The raw values and submissions a version was built from, as stored (JSON text; see {@link #figuresJson}), or null. */
    public Uni<String> sourcesJson(String reportId, int version) {
        return pool.preparedQuery("select sources::text from published_report where report_key = $1 and version = $2")
                .execute(Tuple.of(reportId, version)).map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    public Sources readSources(String json) {
        return read(json, new TypeReference<Sources>() {
        });
    }

    public record Sources(List<IndicatorValue> values, List<SubmissionRef> submissions) {
    }

    private <T> T read(String json, TypeReference<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return storedReader.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored report does not read back", e);
        }
    }

    /**
     * A snapshot's figures (a map of language to figures) or {@link Sources} as the columns hold them. Blocking
     * for a national report: call it on a render thread.
     */
    String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
