package no.rusmonitor.survey.importing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.survey.definition.DefinitionService;
import no.rusmonitor.survey.definition.SurveyDefinition;
import no.rusmonitor.platform.json.Utf8;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import no.rusmonitor.survey.outbox.SubmissionEvents;
import no.rusmonitor.survey.submission.NewVersion;
import no.rusmonitor.survey.submission.VersionStore;
import no.rusmonitor.survey.validation.AnswerValidator;
import no.rusmonitor.survey.validation.ValidationReport;

/**
 * Bulk import of historical answers by an operator. Every row is validated against its year's
 * definition; a municipality is imported all or nothing (one transaction for all its rows), and a dry
 * run reports the same without storing anything. Imported rows become submitted versions like any
 * other, with source {@code import}, and so reach Kafka through the outbox.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    private final DefinitionService definitions;
    private final VersionStore store;
    private final SubmissionEvents events;
    private final Pool pool;
    private final Clock clock;
    private final MunicipalityCatalogue catalogue;
    private final ObjectMapper mapper;

    @Inject
    public ImportService(DefinitionService definitions, VersionStore store, SubmissionEvents events, Pool pool, Clock clock,
            MunicipalityCatalogue catalogue, ObjectMapper mapper) {
        this.definitions = definitions;
        this.store = store;
        this.events = events;
        this.pool = pool;
        this.clock = clock;
        this.catalogue = catalogue;
        this.mapper = mapper;
    }

    public Uni<ImportReport> importCsv(byte[] body, boolean dryRun, String by) {
        return OffTheEventLoop.run(() -> ImportParser.readCsv(utf8(body))).flatMap(raw -> {
            Set<Integer> years = new TreeSet<>();
            for (ImportParser.RawCsvRow row : raw) {
                try {
                    years.add(Integer.valueOf(row.cells().get(ImportParser.YEAR_COLUMN)));
                } catch (NumberFormatException e) {
                    // reported per row by the parser
                }
            }
            return loadDefinitions(years).flatMap(defs -> OffTheEventLoop.run(() -> ImportParser.convertCsv(raw, defs::get))
                    .flatMap(rows -> run(rows, defs, dryRun, by)));
        });
    }

    public Uni<ImportReport> importJson(byte[] body, boolean dryRun, String by) {
        return OffTheEventLoop.run(() -> {
            utf8(body); // refused as a whole, as a CSV file is: Jackson would read bad bytes as replacement characters
            return ImportParser.readJson(mapper, body);
        }).flatMap(rows -> {
            Set<Integer> years = new TreeSet<>();
            rows.stream().filter(r -> r.surveyYear() != null).forEach(r -> years.add(r.surveyYear()));
            return loadDefinitions(years).flatMap(defs -> run(rows, defs, dryRun, by));
        });
    }

    /** Decodes strictly: invalid UTF-8 is the client's mistake, not a reason to store replacement characters. */
    private static String utf8(byte[] body) {
        try {
            return Utf8.decode(body);
        } catch (CharacterCodingException e) {
            throw ApiException.badRequest("invalid-encoding", "The body is not valid UTF-8.", List.of());
        }
    }

    private Uni<Map<Integer, SurveyDefinition>> loadDefinitions(Set<Integer> years) {
        Map<Integer, SurveyDefinition> found = new HashMap<>();
        return Panache.withSession(() -> Multi.createFrom().iterable(years)
                .onItem().transformToUniAndConcatenate(year -> definitions.current(year)
                        .invoke(survey -> found.put(year, survey.definition()))
                        .replaceWithVoid()
                        // A year without a survey leaves its rows to be refused one by one; the database away fails
                        // the import as a whole (503), rather than pass for every year lacking its survey.
                        .onFailure(ImportService::noSurvey).recoverWithNull())
                .collect().asList())
                .replaceWith(found);
    }

    private static boolean noSurvey(Throwable failure) {
        return failure instanceof ApiException refused && refused.problem().status() == 404;
    }

    private Uni<ImportReport> run(List<ImportRow> rows, Map<Integer, SurveyDefinition> defs, boolean dryRun, String by) {
        return storedLastYears(rows).flatMap(stored -> OffTheEventLoop.run(() -> check(rows, defs, stored, dryRun))).flatMap(checked -> {
            Map<Integer, RowResult> results = checked.results();
            Uni<Void> store = dryRun ? Uni.createFrom().voidItem()
                    : Multi.createFrom().iterable(checked.accepted())
                            .onItem().transformToUniAndConcatenate(group -> storeMunicipality(group, defs, by, results))
                            .collect().asList().replaceWithVoid();
            return store.map(x -> {
                List<RowResult> list = new ArrayList<>(results.values());
                list.sort(Comparator.comparingInt(RowResult::row));
                return ImportReport.of(dryRun, list);
            });
        });
    }

    /** Every row's result so far, and the municipalities whose rows are all valid, to be stored. */
    private record Checked(Map<Integer, RowResult> results, List<List<ImportRow>> accepted) {
    }

    /** Validates every row, and groups the rows by municipality, all or nothing. Reads nothing from the database. */
    private Checked check(List<ImportRow> rows, Map<Integer, SurveyDefinition> defs, Map<String, ObjectNode> stored, boolean dryRun) {
        Map<Integer, RowResult> results = new LinkedHashMap<>();
        Map<String, List<ImportRow>> byMunicipality = new LinkedHashMap<>();
        Map<String, ObjectNode> inFile = new HashMap<>();
        // Rows compared with another municipality's row of this file (its code of last year): that row's group may yet be rejected.
        Map<ImportRow, String> comparedInFile = new HashMap<>();
        Set<String> seen = new HashSet<>();
        List<ImportRow> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparing((ImportRow r) -> r.surveyYear() == null ? 0 : r.surveyYear()));
        for (ImportRow row : ordered) {
            List<Issue> errors = new ArrayList<>(row.formErrors());
            List<Issue> warnings = List.of();
            SurveyDefinition definition = row.surveyYear() == null ? null : defs.get(row.surveyYear());
            if (row.municipalityCode() == null || !catalogue.isValid(row.municipalityCode(), row.surveyYear() == null ? 0 : row.surveyYear())) {
                if (row.municipalityCode() != null && row.surveyYear() != null) {
                    errors.add(Issue.error("/municipalityCode", "unknown_municipality",
                            "Municipality " + row.municipalityCode() + " did not exist in " + row.surveyYear() + "."));
                }
            } else if (definition == null) {
                errors.add(Issue.error("/surveyYear", "unknown_survey", "There is no survey for " + row.surveyYear() + "."));
            } else if (!seen.add(row.municipalityCode() + "/" + row.surveyYear())) {
                errors.add(Issue.error("/surveyYear", "duplicate_row", "Another row has the same municipality and year."));
            } else if (errors.isEmpty()) {
                // Under the code the municipality had last year, as for a submission over the API.
                String lastYearKey = catalogue.lastYearsCodeOf(row.municipalityCode(), row.surveyYear())
                        .map(then -> then + "/" + (row.surveyYear() - 1)).orElse(null);
                ObjectNode lastYear = lastYearKey == null ? null : inFile.getOrDefault(lastYearKey, stored.get(lastYearKey));
                if (lastYearKey != null && inFile.containsKey(lastYearKey) && !lastYearKey.startsWith(row.municipalityCode() + "/")) {
                    comparedInFile.put(row, lastYearKey);
                }
                ValidationReport report = AnswerValidator.validate(definition, row.answers(), lastYear);
                errors.addAll(report.errors());
                warnings = report.warnings();
                if (report.valid()) {
                    inFile.put(row.municipalityCode() + "/" + row.surveyYear(), row.answers());
                }
            }
            RowResult.Status status = errors.isEmpty() ? RowResult.Status.valid : RowResult.Status.rejected;
            results.put(row.row(), new RowResult(row.row(), row.municipalityCode(), row.surveyYear(), status, null, errors, warnings, null));
            byMunicipality.computeIfAbsent(row.municipalityCode() == null ? "row " + row.row() : row.municipalityCode(),
                    k -> new ArrayList<>()).add(row);
        }
        List<List<ImportRow>> acceptedGroups = new ArrayList<>();
        byMunicipality.forEach((code, group) -> {
            boolean anyRejected = group.stream().anyMatch(r -> results.get(r.row()).status() == RowResult.Status.rejected);
            if (anyRejected) {
                for (ImportRow r : group) {
                    RowResult result = results.get(r.row());
                    if (result.status() == RowResult.Status.valid) {
                        results.put(r.row(), withStatus(result, RowResult.Status.rejected_with_municipality, null,
                                "Another row of municipality " + code + " was rejected; a municipality is imported all or nothing."));
                    }
                }
            } else {
                acceptedGroups.add(group);
            }
        });
        if (dryRun) {
            // An import measures each stored row's warnings again in its own transaction (storeRow); a dry run stores
            // nothing, so it corrects here the few it measured against a row of the file that will not be stored.
            warnAgainstStoredWhereTheFilesRowWasRejected(acceptedGroups, comparedInFile, defs, stored, results);
            markUnchanged(acceptedGroups, stored, results);
        }
        return new Checked(results, acceptedGroups);
    }

    /**
     * In a dry run, a row compared with last year's row of the file under the municipality's old code, whose group
     * was then rejected: that row would not be stored, so the warnings are those against what is stored.
     */
    private static void warnAgainstStoredWhereTheFilesRowWasRejected(List<List<ImportRow>> acceptedGroups, Map<ImportRow, String> comparedInFile,
            Map<Integer, SurveyDefinition> defs, Map<String, ObjectNode> stored, Map<Integer, RowResult> results) {
        Set<String> accepted = new HashSet<>();
        acceptedGroups.forEach(group -> group.forEach(r -> accepted.add(r.municipalityCode() + "/" + r.surveyYear())));
        for (List<ImportRow> group : acceptedGroups) {
            for (ImportRow row : group) {
                String key = comparedInFile.get(row);
                if (key != null && !accepted.contains(key)) {
                    RowResult r = results.get(row.row());
                    List<Issue> warnings = AnswerValidator.validate(defs.get(row.surveyYear()), row.answers(), stored.get(key)).warnings();
                    results.put(row.row(), new RowResult(r.row(), r.municipalityCode(), r.surveyYear(), r.status(), r.submissionVersion(), r.errors(),
                            warnings, r.reason()));
                }
            }
        }
    }

    /** A dry run's rows whose answers are already the stored ones: as an import would, it calls them unchanged. */
    private static void markUnchanged(List<List<ImportRow>> acceptedGroups, Map<String, ObjectNode> stored, Map<Integer, RowResult> results) {
        for (List<ImportRow> group : acceptedGroups) {
            for (ImportRow row : group) {
                if (NewVersion.sameAsCurrent(stored.get(row.municipalityCode() + "/" + row.surveyYear()), row.answers())) {
                    results.put(row.row(), withStatus(results.get(row.row()), RowResult.Status.unchanged, null, null));
                }
            }
        }
    }

    /** One transaction for all rows of one municipality: all are stored, or none. */
    private Uni<Void> storeMunicipality(List<ImportRow> group, Map<Integer, SurveyDefinition> defs, String by, Map<Integer, RowResult> results) {
        Map<Integer, RowResult> outcome = new HashMap<>();
        return pool.withTransaction(connection -> Multi.createFrom().iterable(group)
                .onItem().transformToUniAndConcatenate(row -> storeRow(connection, row, defs.get(row.surveyYear()), by)
                        .invoke(stored -> {
                            RowResult r = results.get(row.row());
                            outcome.put(row.row(), new RowResult(r.row(), r.municipalityCode(), r.surveyYear(),
                                    stored.version() == null ? RowResult.Status.unchanged : RowResult.Status.imported, stored.version(),
                                    r.errors(), stored.warnings(), null));
                        }))
                .collect().asList())
                .invoke(x -> results.putAll(outcome))
                .replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "Import of municipality %s failed; none of its rows were stored", group.get(0).municipalityCode());
                    for (ImportRow row : group) {
                        results.put(row.row(), withStatus(results.get(row.row()), RowResult.Status.rejected_with_municipality, null,
                                "The municipality's rows could not be stored together; none were stored. Try again."));
                    }
                    return null;
                });
    }

    /** A stored row: its new version (null when its answers equal the current version), and the warnings let through. */
    private record Stored(Integer version, List<Issue> warnings) {
    }

    /**
     * Stores a row, failing the transaction on a race. An import lets warnings through (the operator has the
     * report, from a dry run or this one), and the version records which, as a submission records the warnings it
     * acknowledged: measured here, against last year's answers as stored in this transaction (an earlier
     * municipality of the same import among them), under last year's code.
     */
    private Uni<Stored> storeRow(SqlConnection connection, ImportRow row, SurveyDefinition definition, String by) {
        return store.snapshot(connection, row.surveyYear(), row.municipalityCode(), by, null).flatMap(read -> {
            List<Issue> warnings = AnswerValidator.validate(definition, row.answers(), read.lastYearAnswers()).warnings();
            List<String> letThrough = warnings.stream().map(Issue::pointer).distinct().toList();
            NewVersion version = NewVersion.after(row.surveyYear(), row.municipalityCode(), read.currentVersion(), read.currentAnswers(),
                    row.answers(), definition.version(), letThrough, clock.instant(), by, NewVersion.SOURCE_IMPORT, false);
            if (version == null) {
                return Uni.createFrom().item(new Stored(null, warnings));
            }
            return store.append(connection, read, new VersionStore.Append(version, events.accepted(version.event()), null))
                    .map(appended -> {
                        if (!appended) {
                            throw new IllegalStateException("municipality " + row.municipalityCode() + " changed during the import");
                        }
                        return new Stored(version.version(), warnings);
                    });
        });
    }

    /** The newest stored answers of the municipalities in the file, and under their codes of the year before, by "code/year". */
    private Uni<Map<String, ObjectNode>> storedLastYears(List<ImportRow> rows) {
        // Each municipality's own code, and the one it had the year before where only the code changed.
        String[] codes = rows.stream().filter(r -> r.municipalityCode() != null && r.municipalityCode().matches("\\d{4}"))
                .flatMap(r -> r.surveyYear() == null ? Stream.of(r.municipalityCode())
                        : Stream.concat(Stream.of(r.municipalityCode()), catalogue.lastYearsCodeOf(r.municipalityCode(), r.surveyYear()).stream()))
                .distinct().toArray(String[]::new);
        Map<String, ObjectNode> stored = new HashMap<>();
        if (codes.length == 0) {
            return Uni.createFrom().item(stored);
        }
        return Panache.withSession(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select distinct on (municipality_code, survey_year) municipality_code, survey_year, cast(answers as text) "
                        + "from submission_version where municipality_code = any(:codes) "
                        + "order by municipality_code, survey_year, version desc", Object[].class)
                .setParameter("codes", codes).getResultList()))
                // Parsed on a worker: every year's answers of up to every municipality, some thousands of documents.
                .flatMap(list -> OffTheEventLoop.run(() -> {
                    for (Object[] row : list) {
                        stored.put(row[0].toString().trim() + "/" + row[1], parse(row[2].toString()));
                    }
                    return stored;
                }));
    }

    private ObjectNode parse(String json) {
        try {
            return (ObjectNode) mapper.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RowResult withStatus(RowResult r, RowResult.Status status, Integer version, String reason) {
        return new RowResult(r.row(), r.municipalityCode(), r.surveyYear(), status, version, r.errors(), r.warnings(), reason);
    }
}
