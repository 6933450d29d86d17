package no.rusmonitor.report.readmodel;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.report.catalogue.IndicatorDefinition;
import no.rusmonitor.report.catalogue.IndicatorDefinitions;

/** The indicator definitions received: stored once per version, read whole for each report built. */
@ApplicationScoped
public class IndicatorDefinitionRepository {

    /** A version never changes: the first copy stored stays, and a repeated event changes nothing. */
    static final String INSERT = "insert into indicator_definition (indicator_id, version, name_nb, name_en, unit, decimals, goal, "
            + "published_at, event_id, received_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, now()) "
            + "on conflict (indicator_id, version) do nothing";

    private final Pool pool;

    @Inject
    public IndicatorDefinitionRepository(Pool pool) {
        this.pool = pool;
    }

    /** Stores the definition; true if it was new. */
    public Uni<Boolean> insert(DefinitionEventReader.Read read) {
        IndicatorDefinition d = read.definition();
        Tuple tuple = Tuple.from(new Object[] { d.indicatorId(), d.version(), d.nameNb(), d.nameEn(), d.unit(), d.decimals(), d.goal(),
                d.publishedAt() == null ? null : OffsetDateTime.ofInstant(d.publishedAt(), ZoneOffset.UTC), read.eventId() });
        return pool.preparedQuery(INSERT).execute(tuple).map(rows -> rows.rowCount() == 1);
    }

    /**
     * Every definition received. A few per indicator (some twenty indicators, a version now and then): reading
     * them all for each report costs less than keeping a cache in step with the topic.
     */
    public Uni<IndicatorDefinitions> all() {
        return pool.preparedQuery("select indicator_id, version, name_nb, name_en, unit, decimals, goal, published_at from indicator_definition")
                .execute().map(rows -> {
                    List<IndicatorDefinition> definitions = new ArrayList<>(rows.size());
                    for (Row row : rows) {
                        OffsetDateTime published = row.getOffsetDateTime(7);
                        definitions.add(new IndicatorDefinition(row.getString(0), row.getInteger(1), row.getString(2), row.getString(3),
                                row.getString(4), row.getInteger(5), row.getString(6), published == null ? null : published.toInstant()));
                    }
                    return new IndicatorDefinitions(definitions);
                });
    }
}
