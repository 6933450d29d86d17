package no.rusmonitor.indicator.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executor;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.indicator.compute.AnswerSet;

/** The newest answers of each municipality and year, in plain SQL. */
@ApplicationScoped
public class AnswerStore {

    private final ObjectMapper mapper;

    @Inject
    public AnswerStore(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /**
     * A year's answer sets, by municipality. Their JSON (some 357 documents) is parsed on {@code decodeOn}, not on
     * the connection's event loop, which the service's requests and streams share.
     */
    public Uni<Map<String, AnswerSet>> year(SqlClient client, int year, Executor decodeOn) {
        return client.preparedQuery("select municipality_code, survey_year, submission_version, survey_version, answers::text as answers, "
                + "submitted_at, event_id from answer_set where survey_year = $1").execute(Tuple.of(year)).emitOn(decodeOn).map(rows -> {
                    Map<String, AnswerSet> result = new TreeMap<>();
                    for (Row row : rows) {
                        AnswerSet set = new AnswerSet(row.getString("municipality_code").intern(), row.getInteger("survey_year"),
                                row.getInteger("submission_version"), row.getInteger("survey_version"), parse(row.getString("answers")),
                                row.getOffsetDateTime("submitted_at").toInstant(), row.getString("event_id"));
                        result.put(set.municipalityCode(), set);
                    }
                    return result;
                });
    }

    /** The years that have answers, in order. */
    public Uni<List<Integer>> years(SqlClient client) {
        return client.query("select distinct survey_year from answer_set order by 1").execute().map(rows -> {
            List<Integer> years = new ArrayList<>();
            rows.forEach(r -> years.add(r.getInteger(0)));
            return years;
        });
    }

    /**
     * Stores newer answer sets, at most one per year and municipality, in one statement; an older or equal
     * submission version leaves its row as it is.
     */
    public Uni<Void> saveAll(SqlClient client, Collection<AnswerSet> sets, java.time.Instant receivedAt) {
        int n = sets.size();
        if (n == 0) {
            return Uni.createFrom().voidItem();
        }
        Integer[] years = new Integer[n], versions = new Integer[n], surveyVersions = new Integer[n];
        String[] codes = new String[n], answers = new String[n], eventIds = new String[n];
        OffsetDateTime[] submitted = new OffsetDateTime[n], received = new OffsetDateTime[n];
        int i = 0;
        for (AnswerSet set : sets) {
            years[i] = set.year();
            codes[i] = set.municipalityCode();
            versions[i] = set.submissionVersion();
            surveyVersions[i] = set.surveyVersion();
            answers[i] = text(set.answers());
            submitted[i] = set.submittedAt().atOffset(ZoneOffset.UTC);
            eventIds[i] = set.eventId();
            received[i] = receivedAt.atOffset(ZoneOffset.UTC);
            i++;
        }
        return client.preparedQuery("insert into answer_set (survey_year, municipality_code, submission_version, survey_version, answers, "
                + "submitted_at, event_id, received_at) "
                + "select t.y, t.m, t.v, t.s, t.a::jsonb, t.t, t.e, t.r from unnest($1::int[], $2::text[], $3::int[], $4::int[], $5::text[], "
                + "$6::timestamptz[], $7::text[], $8::timestamptz[]) as t(y, m, v, s, a, t, e, r) "
                + "on conflict (survey_year, municipality_code) do update set submission_version = excluded.submission_version, "
                + "survey_version = excluded.survey_version, answers = excluded.answers, submitted_at = excluded.submitted_at, "
                + "event_id = excluded.event_id, received_at = excluded.received_at "
                + "where answer_set.submission_version < excluded.submission_version")
                .execute(Tuple.tuple(List.of(years, codes, versions, surveyVersions, answers, submitted, eventIds, received)))
                .replaceWithVoid();
    }

    /** One example answer of every question that appears in stored answers (to know what formulas may use). */
    public Uni<Map<String, Object>> seenQuestions(SqlClient client) {
        return client.query("select distinct on (k.key) k.key, k.value::text from answer_set a, jsonb_each(a.answers) k order by k.key")
                .execute().map(rows -> {
                    Map<String, Object> seen = new TreeMap<>();
                    for (Row row : rows) {
                        try {
                            Object value = scalar(mapper.readTree(row.getString(1)));
                            if (value != null) {
                                seen.put(row.getString(0), value);
                            }
                        } catch (IOException e) {
                            // not a scalar: not something a formula can use
                        }
                    }
                    return seen;
                });
    }

    private String text(Map<String, Object> answers) {
        try {
            return mapper.writeValueAsString(answers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Map<String, Object> parse(String json) {
        try {
            JsonNode node = mapper.readTree(json);
            Map<String, Object> answers = new HashMap<>();
            if (node instanceof ObjectNode object) {
                for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
                    Map.Entry<String, JsonNode> field = it.next();
                    Object value = scalar(field.getValue());
                    if (value != null) {
                        answers.put(field.getKey(), value);
                    }
                }
            }
            return answers;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JSON scalar as formulas see it: a number as BigDecimal, yes/no as Boolean, text as String. */
    public static Object scalar(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        return null;
    }
}
