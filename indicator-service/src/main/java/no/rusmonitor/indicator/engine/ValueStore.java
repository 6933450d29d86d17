package no.rusmonitor.indicator.engine;

import static no.rusmonitor.platform.sql.ColumnsByPosition.integer;
import static no.rusmonitor.platform.sql.ColumnsByPosition.number;
import static no.rusmonitor.platform.sql.ColumnsByPosition.string;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.stream.Collector;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.vertx.UniHelper;
import io.vertx.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.sqlclient.SqlResult;
import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.ComputedValue;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.compute.MissingReason;
import no.rusmonitor.indicator.compute.SizeClassValue;
import no.rusmonitor.indicator.compute.Spread;
import no.rusmonitor.indicator.compute.Status;
import no.rusmonitor.indicator.compute.Suppression;
import no.rusmonitor.indicator.compute.ValueKey;
import no.rusmonitor.indicator.stream.Change;
import no.rusmonitor.indicator.values.ValueView;

/**
 * Values in plain SQL, written in bulk: every statement takes whole arrays ({@code unnest}), so a
 * recomputation of one submission is a handful of round trips and a full rebuild a few per year. A
 * changed value is written twice in the same transaction: the value, and its entry in the change log, which
 * the live stream resumes from and the outbox relay sends to Kafka (events/ChangeLogOutbox).
 * <p>
 * The submission version a municipality's value names is not stored with the value: it is the version of
 * the answers held for its {@linkplain no.rusmonitor.indicator.compute.YearGeography#soleSource source}
 * ({@code answer_set}), filled in when values are read (ValueQueries). Storing it made every
 * correction rewrite each of the municipality's values whose figures it did not change.
 */
@ApplicationScoped
public class ValueStore {

    /**
     * The table's columns, in the order {@link #UPSERT} binds them and {@link #read} reads them: by position,
     * since looking 24 names up in each of the 15,000 rows of a year took a tenth of a full rebuild's CPU
     * ({@code ColumnsByPosition}). The JSON ones are read as text, for Jackson.
     */
    private enum Column {
        INDICATOR_ID, LEVEL, AREA_CODE, BORDERS, YEAR, DEFINITION_VERSION, GOAL, UNIT, AREA_NAME, STATUS, MISSING_REASON, VALUE,
        NUMERATOR, DENOMINATOR, FACTOR, PERSON_COUNT, SUPPRESSED, REPORTING_COUNT, EXPECTED_COUNT, SPREAD(true), PUBLIC_SPREAD(true),
        SIZE_CLASSES(true), REVISION, COMPUTED_AT;

        private final boolean json;

        Column() {
            this(false);
        }

        Column(boolean json) {
            this.json = json;
        }

        String sqlName() {
            return name().toLowerCase(Locale.ROOT);
        }

        String selected() {
            return json ? sqlName() + "::text" : sqlName();
        }
    }

    private static final String COLUMNS = Arrays.stream(Column.values()).map(Column::sqlName).collect(Collectors.joining(", "));

    /** Every column {@link #read} takes, from {@code indicator_value}; a caller adds its own {@code where}. */
    public static final String SELECT = Arrays.stream(Column.values()).map(Column::selected)
            .collect(Collectors.joining(", ", "select ", " from indicator_value"));

    static final String UPSERT = "insert into indicator_value (" + COLUMNS + ") "
            + "select t.indicator_id, t.level, t.area_code, t.borders, t.year, t.definition_version, t.goal, t.unit, t.area_name, t.status, "
            + "t.missing_reason, t.value, t.numerator, t.denominator, t.factor, t.person_count, t.suppressed, t.reporting_count, "
            + "t.expected_count, t.spread::jsonb, t.public_spread::jsonb, t.size_classes::jsonb, t.revision, t.computed_at "
            + "from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::int[], $7::text[], $8::text[], $9::text[], "
            + "$10::text[], $11::text[], $12::float8[], $13::float8[], $14::float8[], $15::float8[], $16::float8[], $17::text[], $18::int[], "
            + "$19::int[], $20::text[], $21::text[], $22::text[], $23::int[], $24::timestamptz[]) as t(" + COLUMNS + ") "
            + "on conflict (indicator_id, level, area_code, borders, year) do update set definition_version = excluded.definition_version, "
            + "goal = excluded.goal, unit = excluded.unit, area_name = excluded.area_name, status = excluded.status, "
            + "missing_reason = excluded.missing_reason, value = excluded.value, numerator = excluded.numerator, "
            + "denominator = excluded.denominator, factor = excluded.factor, person_count = excluded.person_count, "
            + "suppressed = excluded.suppressed, reporting_count = excluded.reporting_count, expected_count = excluded.expected_count, "
            + "spread = excluded.spread, public_spread = excluded.public_spread, size_classes = excluded.size_classes, "
            + "revision = excluded.revision, computed_at = excluded.computed_at";

    static final String CHANGES = "insert into value_change (indicator_id, goal, level, area_code, borders, year, revision, payload, created_at) "
            + "select t.i, t.g, t.l, t.a, t.b, t.y, t.r, t.p::jsonb, t.c "
            + "from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::int[], $8::text[], $9::timestamptz[]) "
            + "as t(i, g, l, a, b, y, r, p, c) returning seq, indicator_id, level, area_code, borders, year";

    /** Rows per statement, so that a full rebuild does not build one enormous message. */
    private static final int CHUNK = 4000;
    private static final TypeReference<List<SizeClassValue>> CLASSES = new TypeReference<>() {
    };

    private final ObjectMapper mapper;

    @Inject
    public ValueStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * Every stored value of a year, mapped on the connection's event loop as the rows arrive: a few field reads
     * each, and for a county's or the country's a small JSON document or two (spread, size classes). That keeps
     * the rows from being held all at once, as handing them to another thread would.
     */
    public Uni<Map<ValueKey, StoredValue>> year(SqlClient client, int year) {
        return read(client, SELECT + " where year = $1", Tuple.of(year),
                Collectors.toMap(stored -> stored.value().key(), stored -> stored, (first, second) -> second, HashMap::new));
    }

    /**
     * Runs a query on {@link #SELECT} and reads each row as it arrives: a year's rows are never all held at
     * once, so they die young instead of filling the old generation and forcing full collections.
     */
    public <R> Uni<R> read(SqlClient client, String sql, Tuple arguments, Collector<StoredValue, ?, R> collector) {
        return UniHelper.toUni(client.getDelegate().preparedQuery(sql)
                .collecting(Collectors.mapping(this::read, collector)).execute(arguments.getDelegate())).map(SqlResult::value);
    }

    private StoredValue read(Row row) {
        ValueKey key = new ValueKey(shared(row, Column.INDICATOR_ID), Level.parse(string(row, Column.LEVEL)), shared(row, Column.AREA_CODE),
                Borders.parse(string(row, Column.BORDERS)), integer(row, Column.YEAR));
        String missing = string(row, Column.MISSING_REASON);
        ComputedValue value = new ComputedValue(key, integer(row, Column.DEFINITION_VERSION), shared(row, Column.GOAL),
                shared(row, Column.UNIT), shared(row, Column.AREA_NAME), Status.valueOf(string(row, Column.STATUS)),
                missing == null ? null : MissingReason.valueOf(missing), number(row, Column.VALUE), number(row, Column.NUMERATOR),
                number(row, Column.DENOMINATOR), number(row, Column.FACTOR), number(row, Column.PERSON_COUNT),
                Suppression.valueOf(string(row, Column.SUPPRESSED)), integer(row, Column.REPORTING_COUNT), integer(row, Column.EXPECTED_COUNT),
                json(string(row, Column.SPREAD), Spread.class), json(string(row, Column.PUBLIC_SPREAD), Spread.class),
                classes(string(row, Column.SIZE_CLASSES)), null);
        return new StoredValue(value, integer(row, Column.REVISION), row.getOffsetDateTime(Column.COMPUTED_AT.ordinal()).toInstant());
    }

    /**
     * A column whose few distinct texts repeat on every row (indicator, area, goal, unit): the engine holds
     * every value of several years, and one copy of each text instead of one per value saves tens of MB.
     */
    private static String shared(Row row, Column column) {
        String text = string(row, column);
        return text == null ? null : text.intern();
    }

    /**
     * Stores the values, and for each changed one its change-log entry. Returns how
     * many were changed (published); the change-log entries are added to {@code published}, numbered,
     * for the live stream to take once the transaction has committed.
     * <p>
     * The first chunk's statements (as a rule a whole submission job's) are built here, on the caller's thread,
     * JSON included, and sent together: the connection pipelines them, so the database runs them back to
     * back instead of waiting, after each answer, for the next statement to be built on the event loop.
     * Later chunks (a rebuild's, a new definition's) are built on {@code builder}, the engine's thread, once the
     * chunk before is stored: their JSON is thousands of documents, which would hold up the event loop that
     * serves the API and the stream.
     */
    public Uni<Integer> write(SqlClient client, List<ValueWrite> writes, List<Change> published, Executor builder) {
        int changed = (int) writes.stream().filter(ValueWrite::changed).count();
        Uni<Void> chain = null;
        for (int from = 0; from < writes.size(); from += CHUNK) {
            List<ValueWrite> chunk = writes.subList(from, Math.min(writes.size(), from + CHUNK));
            // Later chunks (a full rebuild's) are built only when the one before is stored, so that a year's JSON is never all in memory.
            chain = chain == null ? statements(client, chunk, published)
                    : chain.emitOn(builder).flatMap(x -> statements(client, chunk, published));
        }
        return chain == null ? Uni.createFrom().item(0) : chain.replaceWith(changed);
    }

    /** Builds a chunk's statements now and sends them together once subscribed. */
    private Uni<Void> statements(SqlClient client, List<ValueWrite> chunk, List<Change> published) {
        List<Uni<Void>> statements = new ArrayList<>(2);
        statements.add(client.preparedQuery(UPSERT).execute(upsert(chunk)).replaceWithVoid());
        Publication publication = publication(chunk);
        if (publication != null) {
            statements.add(client.preparedQuery(CHANGES).execute(publication.changes()).invoke(rows -> publication.number(rows, published))
                    .replaceWithVoid());
        }
        return Uni.join().all(statements).andFailFast().replaceWithVoid();
    }

    private Tuple upsert(List<ValueWrite> chunk) {
        int n = chunk.size();
        String[] ids = new String[n], levels = new String[n], areas = new String[n], borders = new String[n], goals = new String[n],
                units = new String[n], names = new String[n], statuses = new String[n], reasons = new String[n], suppressed = new String[n],
                spreads = new String[n], publicSpreads = new String[n], classes = new String[n];
        Integer[] years = new Integer[n], definitionVersions = new Integer[n], reporting = new Integer[n], expected = new Integer[n],
                revisions = new Integer[n];
        Double[] values = new Double[n], numerators = new Double[n], denominators = new Double[n], factors = new Double[n],
                persons = new Double[n];
        OffsetDateTime[] computed = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            StoredValue stored = chunk.get(i).stored();
            ComputedValue v = stored.value();
            ids[i] = v.key().indicatorId();
            levels[i] = v.key().level().name();
            areas[i] = v.key().areaCode();
            borders[i] = v.key().borders().code();
            years[i] = v.key().year();
            definitionVersions[i] = v.definitionVersion();
            goals[i] = v.goal();
            units[i] = v.unit();
            names[i] = v.areaName();
            statuses[i] = v.status().name();
            reasons[i] = v.missingReason() == null ? null : v.missingReason().name();
            values[i] = v.value();
            numerators[i] = v.numerator();
            denominators[i] = v.denominator();
            factors[i] = v.factor();
            persons[i] = v.personCount();
            suppressed[i] = v.suppressed().name();
            reporting[i] = v.reportingCount();
            expected[i] = v.expectedCount();
            spreads[i] = text(v.spread());
            publicSpreads[i] = text(v.publicSpread());
            classes[i] = text(v.sizeClasses());
            revisions[i] = stored.revision();
            computed[i] = stored.computedAt().atOffset(ZoneOffset.UTC);
        }
        return Tuple.tuple(List.of(ids, levels, areas, borders, years, definitionVersions, goals, units, names, statuses, reasons, values,
                numerators, denominators, factors, persons, suppressed, reporting, expected, spreads, publicSpreads, classes, revisions,
                computed));
    }

    /**
     * A chunk's changed values as change-log rows, and as the stream will send them once the change log has
     * numbered them; null when nothing in the chunk changed.
     */
    private record Publication(Tuple changes, Map<ValueKey, Change> unnumbered) {

        /** Hands the stream each change with the number the change log gave it. */
        void number(RowSet<io.vertx.mutiny.sqlclient.Row> rows, List<Change> published) {
            for (io.vertx.mutiny.sqlclient.Row row : rows) {
                ValueKey key = new ValueKey(row.getString(1), Level.parse(row.getString(2)), row.getString(3), Borders.parse(row.getString(4)),
                        row.getInteger(5));
                published.add(unnumbered.get(key).numbered(row.getLong(0)));
            }
        }
    }

    private Publication publication(List<ValueWrite> chunk) {
        List<StoredValue> changed = new ArrayList<>();
        for (ValueWrite write : chunk) {
            if (write.changed()) {
                changed.add(write.stored());
            }
        }
        if (changed.isEmpty()) {
            return null;
        }
        int n = changed.size();
        String[] ids = new String[n], goals = new String[n], levels = new String[n], areas = new String[n], borders = new String[n],
                payloads = new String[n];
        Integer[] years = new Integer[n], revisions = new Integer[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        Map<ValueKey, Change> unnumbered = new HashMap<>();
        for (int i = 0; i < n; i++) {
            StoredValue stored = changed.get(i);
            ComputedValue v = stored.value();
            ValueView view = ValueView.of(stored);
            ids[i] = v.key().indicatorId();
            goals[i] = v.goal();
            levels[i] = v.key().level().name();
            areas[i] = v.key().areaCode();
            borders[i] = v.key().borders().code();
            years[i] = v.key().year();
            revisions[i] = stored.revision();
            payloads[i] = text(view);
            times[i] = stored.computedAt().atOffset(ZoneOffset.UTC);
            unnumbered.put(v.key(), Change.of(0, view, payloads[i], mapper));
        }
        return new Publication(Tuple.tuple(List.of(ids, goals, levels, areas, borders, years, revisions, payloads, times)), unnumbered);
    }

    private String text(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T json(String text, Class<T> type) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readValue(text, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<SizeClassValue> classes(String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readValue(text, CLASSES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
