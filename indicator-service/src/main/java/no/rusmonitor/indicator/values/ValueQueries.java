package no.rusmonitor.indicator.values;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Geography;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.compute.ValueKey;
import no.rusmonitor.indicator.engine.StoredValue;
import no.rusmonitor.indicator.engine.ValueStore;

/**
 * Reads of stored values for the API. A municipality's value names the submission version of the answers
 * it was computed from, which is kept with the answers rather than with each value (see {@link ValueStore});
 * both are read in one snapshot, so a value never shows a version that came after its figures.
 */
@ApplicationScoped
public class ValueQueries {

    private static final String VERSIONS = "select survey_year, municipality_code, submission_version from answer_set "
            + "where survey_year between $1 and $2 and municipality_code = any($3)";

    private final Pool pool;
    private final ValueStore store;
    private final Geography geography;

    @Inject
    public ValueQueries(Pool pool, ValueStore store, Geography geography) {
        this.pool = pool;
        this.store = store;
        this.geography = geography;
    }

    /** One indicator's values on one level and border system over a range of years; {@code areas} empty means all. */
    public Uni<List<StoredValue>> series(String indicatorId, Level level, Borders borders, int from, int to, List<String> areas) {
        String sql = ValueStore.SELECT + " where indicator_id = $1 and level = $2 and borders = $3 and year between $4 and $5"
                + (areas.isEmpty() ? "" : " and area_code = any($6)") + " order by area_code, year";
        Tuple tuple = Tuple.tuple().addString(indicatorId).addString(level.name()).addString(borders.code()).addInteger(from).addInteger(to);
        if (!areas.isEmpty()) {
            tuple.addArrayOfString(areas.toArray(String[]::new));
        }
        return inOneSnapshot(connection -> store.read(connection, sql, tuple, Collectors.toList())
                .flatMap(values -> withVersions(connection, values)));
    }

    /** Every indicator's value for one area and year. */
    public Uni<List<StoredValue>> area(Level level, String areaCode, Borders borders, int year) {
        String sql = ValueStore.SELECT + " where level = $1 and area_code = $2 and borders = $3 and year = $4 order by indicator_id";
        return inOneSnapshot(connection -> store.read(connection, sql, Tuple.of(level.name(), areaCode, borders.code(), year), Collectors.toList())
                .flatMap(values -> withVersions(connection, values)));
    }

    private <T> Uni<T> inOneSnapshot(Function<SqlConnection, Uni<T>> reads) {
        return pool.withTransaction(connection -> connection.query("set transaction isolation level repeatable read, read only").execute()
                .flatMap(x -> reads.apply(connection)));
    }

    /** The values, each municipality's naming the submission version of its source's answers. */
    private Uni<List<StoredValue>> withVersions(SqlConnection connection, List<StoredValue> values) {
        Map<ValueKey, String> sources = new HashMap<>();
        TreeSet<Integer> years = new TreeSet<>();
        for (StoredValue stored : values) {
            ValueKey key = stored.value().key();
            String source = geography.year(key.year()).soleSource(key.level(), key.borders(), key.areaCode());
            if (source != null) {
                sources.put(key, source);
                years.add(key.year());
            }
        }
        if (sources.isEmpty()) {
            return Uni.createFrom().item(values);
        }
        String[] codes = sources.values().stream().distinct().toArray(String[]::new);
        return connection.preparedQuery(VERSIONS).execute(Tuple.of(years.first(), years.last(), codes)).map(rows -> {
            Map<String, Integer> versions = new HashMap<>();
            for (Row row : rows) {
                versions.put(row.getInteger(0) + "/" + row.getString(1), row.getInteger(2));
            }
            List<StoredValue> named = new ArrayList<>(values.size());
            for (StoredValue stored : values) {
                String source = sources.get(stored.value().key());
                Integer version = source == null ? null : versions.get(stored.value().key().year() + "/" + source);
                named.add(new StoredValue(stored.value().withSubmissionVersion(version), stored.revision(), stored.computedAt()));
            }
            return named;
        });
    }
}
