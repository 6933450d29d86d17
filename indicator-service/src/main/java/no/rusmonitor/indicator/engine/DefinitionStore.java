package no.rusmonitor.indicator.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.indicator.definition.DefinitionContent;
import no.rusmonitor.indicator.definition.IndicatorDefinition;

/** Indicator definitions in plain SQL; a version is never rewritten. */
@ApplicationScoped
public class DefinitionStore {

    private static final String COLUMNS = "indicator_id, version, content::text as content, published_at, published_by";

    private final ObjectMapper mapper;

    @Inject
    public DefinitionStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The newest version of every indicator, by id. */
    public Uni<List<IndicatorDefinition>> latest(SqlClient client) {
        return client.query("select distinct on (indicator_id) " + COLUMNS + " from indicator_definition order by indicator_id, version desc")
                .execute().map(rows -> {
                    List<IndicatorDefinition> result = new ArrayList<>();
                    rows.forEach(row -> result.add(read(row)));
                    return result;
                });
    }

    public Uni<List<IndicatorDefinition>> versions(SqlClient client, String id) {
        return client.preparedQuery("select " + COLUMNS + " from indicator_definition where indicator_id = $1 order by version")
                .execute(Tuple.of(id)).map(rows -> {
                    List<IndicatorDefinition> result = new ArrayList<>();
                    rows.forEach(row -> result.add(read(row)));
                    return result;
                });
    }

    public Uni<Void> insert(SqlClient client, String id, int version, DefinitionContent content, Instant at, String by) {
        try {
            return client.preparedQuery("insert into indicator_definition (indicator_id, version, content, published_at, published_by) "
                    + "values ($1, $2, $3::text::jsonb, $4, $5)")
                    .execute(Tuple.of(id, version, mapper.writeValueAsString(content), at.atOffset(ZoneOffset.UTC), by)).replaceWithVoid();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public DefinitionContent content(IndicatorDefinition d) {
        return new DefinitionContent(d.name(), d.description(), d.goal(), d.unit(), d.decimals(), d.numerator(), d.denominator(),
                d.factor(), d.aggregation(), d.personCounts(), d.publishedFigure());
    }

    /** A stored version's content, as {@code content::text} reads it. */
    public DefinitionContent readContent(String id, String json) {
        try {
            return mapper.readValue(json, DefinitionContent.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored definition cannot be read: " + id, e);
        }
    }

    private IndicatorDefinition read(Row row) {
        String id = row.getString("indicator_id");
        return IndicatorDefinition.of(id, row.getInteger("version"), readContent(id, row.getString("content")),
                row.getOffsetDateTime("published_at").toInstant(), row.getString("published_by"));
    }
}
