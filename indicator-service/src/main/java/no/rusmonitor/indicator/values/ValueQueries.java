package no.rusmonitor.indicator.values;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.engine.StoredValue;
import no.rusmonitor.indicator.engine.ValueStore;

/** Reads of stored values for the API. */
@ApplicationScoped
public class ValueQueries {

    private static final String SELECT = "select indicator_id, level, area_code, borders, year, definition_version, goal, unit, area_name, "
            + "status, missing_reason, value, numerator, denominator, factor, person_count, suppressed, reporting_count, expected_count, "
            + "spread::text as spread, public_spread::text as public_spread, size_classes::text as size_classes, submission_version, "
            + "revision, computed_at from indicator_value ";

    private final Pool pool;
    private final ValueStore store;

    @Inject
    public ValueQueries(Pool pool, ValueStore store) {
        this.pool = pool;
        this.store = store;
    }

    /** One indicator's values on one level and border system over a range of years; {@code areas} empty means all. */
    public Uni<List<StoredValue>> series(String indicatorId, Level level, Borders borders, int from, int to, List<String> areas) {
        String sql = SELECT + "where indicator_id = $1 and level = $2 and borders = $3 and year between $4 and $5"
                + (areas.isEmpty() ? "" : " and area_code = any($6)") + " order by area_code, year";
        Tuple tuple = Tuple.tuple().addString(indicatorId).addString(level.name()).addString(borders.code()).addInteger(from).addInteger(to);
        if (!areas.isEmpty()) {
            tuple.addArrayOfString(areas.toArray(String[]::new));
        }
        return pool.preparedQuery(sql).execute(tuple).map(this::read);
    }

    /** Every indicator's value for one area and year. */
    public Uni<List<StoredValue>> area(Level level, String areaCode, Borders borders, int year) {
        return pool.preparedQuery(SELECT + "where level = $1 and area_code = $2 and borders = $3 and year = $4 order by indicator_id")
                .execute(Tuple.of(level.name(), areaCode, borders.code(), year)).map(this::read);
    }

    private List<StoredValue> read(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<StoredValue> values = new ArrayList<>();
        for (Row row : rows) {
            values.add(store.read(row));
        }
        return values;
    }
}
