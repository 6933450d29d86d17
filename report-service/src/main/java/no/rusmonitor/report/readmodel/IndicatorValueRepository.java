package no.rusmonitor.report.readmodel;

import static no.rusmonitor.platform.sql.ColumnsByPosition.integer;
import static no.rusmonitor.platform.sql.ColumnsByPosition.number;
import static no.rusmonitor.platform.sql.ColumnsByPosition.string;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/** The read model's table: batched idempotent upserts from the consumer, and the reads reports need. */
@ApplicationScoped
public class IndicatorValueRepository {

    /**
     * The table's columns in the order {@link #UPSERT} binds them and {@link #map} reads them: by position,
     * since looking 24 names up in each of a national report's rows (some 7,600) took a twentieth of its CPU.
     */
    private enum Column {
        INDICATOR_ID, LEVEL, AREA_CODE, BORDERS, YEAR, REVISION, DEFINITION_VERSION, GOAL, UNIT, AREA_NAME, STATUS, MISSING_REASON,
        VALUE, NUMERATOR, DENOMINATOR, FACTOR, PERSON_COUNT, SUPPRESSED, REPORTING_COUNT, EXPECTED_COUNT, SPREAD, SIZE_CLASSES,
        SUBMISSION_VERSION, COMPUTED_AT
    }

    private static final String COLUMNS = Arrays.stream(Column.values()).map(column -> column.name().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));

    /** Keeps the highest revision: an older or repeated event changes nothing. */
    static final String UPSERT = "insert into indicator_value (" + COLUMNS + ", event_id, received_at) values ($1, $2, $3, $4, $5, $6, $7, "
            + "$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, cast(cast($21 as text) as jsonb), "
            + "cast(cast($22 as text) as jsonb), $23, $24, $25, now()) "
            + "on conflict (year, level, borders, indicator_id, area_code) do update set revision = excluded.revision, "
            + "definition_version = excluded.definition_version, goal = excluded.goal, unit = excluded.unit, area_name = excluded.area_name, "
            + "status = excluded.status, missing_reason = excluded.missing_reason, value = excluded.value, numerator = excluded.numerator, "
            + "denominator = excluded.denominator, factor = excluded.factor, person_count = excluded.person_count, "
            + "suppressed = excluded.suppressed, reporting_count = excluded.reporting_count, expected_count = excluded.expected_count, "
            + "spread = excluded.spread, size_classes = excluded.size_classes, submission_version = excluded.submission_version, "
            + "computed_at = excluded.computed_at, event_id = excluded.event_id, received_at = excluded.received_at "
            + "where indicator_value.revision < excluded.revision";

    private final Pool pool;
    private final ObjectMapper mapper;

    @Inject
    public IndicatorValueRepository(Pool pool, ObjectMapper mapper) {
        this.pool = pool;
        this.mapper = mapper;
    }

    /** Applies the values in one transaction, in order; returns how many rows changed. */
    public Uni<Integer> upsert(List<IndicatorEventReader.Read> values) {
        if (values.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        List<Tuple> tuples = new ArrayList<>(values.size());
        for (IndicatorEventReader.Read read : values) {
            tuples.add(tuple(read));
        }
        return pool.withTransaction(connection -> connection.preparedQuery(UPSERT).executeBatch(tuples)
                .flatMap(rows -> {
                    int changed = 0;
                    for (RowSet<Row> r = rows; r != null; r = r.next()) {
                        changed += r.rowCount();
                    }
                    int total = changed;
                    if (total == 0) {
                        return Uni.createFrom().item(0);
                    }
                    return connection.query("update read_model_state set last_change_at = now() where id = 1").execute()
                            .replaceWith(total);
                }));
    }

    private Tuple tuple(IndicatorEventReader.Read read) {
        IndicatorValue v = read.value();
        return Tuple.from(new Object[] { v.indicatorId(), v.level(), v.areaCode(), v.borders(), v.year(), v.revision(),
                v.definitionVersion(), v.goal(), v.unit(), v.areaName(), v.status(), v.missingReason(), v.value(), v.numerator(),
                v.denominator(), v.factor(), v.personCount(), v.suppressed(), v.reportingCount(), v.expectedCount(),
                json(v.spread()), json(v.sizeClasses()), v.submissionVersion(), OffsetDateTime.ofInstant(v.computedAt(), ZoneOffset.UTC),
                read.eventId() });
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the national report of {@code year} reads: the country series up to the year, counties and municipalities of the year. */
    public Uni<List<IndicatorValue>> forNationalReport(int year) {
        return select(pool, "where borders = 'as_reported' and year <= $1 and (level = 'country' or year = $1)", Tuple.of(year));
    }

    /**
     * What a municipality profile reads: the municipality's series (today's borders, and as reported), its
     * county today, and the country, up to {@code year}; and, as reported, the values of the municipalities
     * it was made of ({@code predecessors}), which name the submissions its values on today's borders came from.
     */
    public Uni<List<IndicatorValue>> forProfile(String code, String countyCode, int year, List<String> predecessors) {
        return select(pool, "where year <= $1 and ((level = 'municipality' and area_code = $2) "
                + "or (level = 'county' and area_code = $3 and borders = '2024') or level = 'country' "
                + "or (level = 'municipality' and borders = 'as_reported' and area_code = any($4)))",
                Tuple.of(year, code, countyCode, predecessors.toArray(new String[0])));
    }

    /**
     * The rows, mapped on a worker: a national report reads some 7,600 of them, a few milliseconds' work that on the
     * database client's event loop would hold up every request and query sharing it.
     */
    private Uni<List<IndicatorValue>> select(SqlClient client, String where, Tuple params) {
        return client.preparedQuery("select " + COLUMNS + " from indicator_value " + where).execute(params)
                .emitOn(Infrastructure.getDefaultWorkerPool()).map(rows -> {
            List<IndicatorValue> values = new ArrayList<>(rows.size());
            SharedStrings strings = new SharedStrings();
            for (Row row : rows) {
                values.add(map(row, strings));
            }
            return values;
        });
    }

    public Uni<Long> count() {
        return pool.query("select count(*) from indicator_value").execute().map(rows -> rows.iterator().next().getLong(0));
    }

    /** When the read model last changed (null when never), for the status endpoint and response headers. */
    public Uni<Instant> lastChange() {
        return pool.query("select last_change_at from read_model_state where id = 1").execute().map(rows -> {
            OffsetDateTime at = rows.iterator().next().getOffsetDateTime(0);
            return at == null ? null : at.toInstant();
        });
    }

    private static IndicatorValue map(Row mutinyRow, SharedStrings strings) {
        io.vertx.sqlclient.Row row = mutinyRow.getDelegate();
        return new IndicatorValue(text(row, Column.INDICATOR_ID, strings), text(row, Column.LEVEL, strings),
                text(row, Column.AREA_CODE, strings), text(row, Column.BORDERS, strings), integer(row, Column.YEAR),
                integer(row, Column.REVISION), integer(row, Column.DEFINITION_VERSION), text(row, Column.GOAL, strings),
                text(row, Column.UNIT, strings), text(row, Column.AREA_NAME, strings), text(row, Column.STATUS, strings),
                text(row, Column.MISSING_REASON, strings), number(row, Column.VALUE), number(row, Column.NUMERATOR),
                number(row, Column.DENOMINATOR), number(row, Column.FACTOR), number(row, Column.PERSON_COUNT),
                text(row, Column.SUPPRESSED, strings), integer(row, Column.REPORTING_COUNT), integer(row, Column.EXPECTED_COUNT),
                spread(row.getValue(Column.SPREAD.ordinal())), sizeClasses(row.getValue(Column.SIZE_CLASSES.ordinal()), strings),
                integer(row, Column.SUBMISSION_VERSION), row.getOffsetDateTime(Column.COMPUTED_AT.ordinal()).toInstant());
    }

    private static String text(io.vertx.sqlclient.Row row, Column column, SharedStrings strings) {
        return strings.of(string(row, column));
    }

    private static Spread spread(Object json) {
        if (!(json instanceof JsonObject o)) {
            return null;
        }
        return new Spread(o.getInteger("count"), o.getDouble("min"), o.getDouble("q1"), o.getDouble("median"), o.getDouble("q3"),
                o.getDouble("max"));
    }

    private static List<SizeClassValue> sizeClasses(Object json, SharedStrings strings) {
        if (!(json instanceof JsonArray array)) {
            return null;
        }
        List<SizeClassValue> classes = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonObject o = array.getJsonObject(i);
            classes.add(new SizeClassValue(strings.of(o.getString("sizeClass")), o.getDouble("value"), o.getDouble("numerator"),
                    o.getDouble("denominator"), o.getInteger("count"), strings.of(o.getString("suppressed"))));
        }
        return classes;
    }
}
