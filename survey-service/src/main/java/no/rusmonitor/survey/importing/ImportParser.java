package no.rusmonitor.survey.importing;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import no.rusmonitor.survey.definition.Question;
import no.rusmonitor.survey.definition.SurveyDefinition;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.ProblemMappers;
import no.rusmonitor.platform.problem.Issue;
import no.rusmonitor.survey.validation.AnswerValidator;

/**
 * Reads an upload into rows. Two layouts:
 * <ul>
 * <li>CSV, one row per municipality and year: columns {@code municipality_code}, {@code survey_year},
 * then one column per question id; an empty cell is unanswered; yes/no as true/false (or ja/nei, yes/no, 1/0).</li>
 * <li>JSON: {@code {"rows": [{"municipalityCode": "0301", "surveyYear": 2018, "answers": {...}}]}}.</li>
 * </ul>
 * The CSV needs the year's definition to know each question's type; {@code definitions} gives it.
 */
final class ImportParser {

    static final int MAX_ROWS = 10_000;

    private static final Set<String> ROW_FIELDS = Set.of("municipalityCode", "surveyYear", "answers");
    static final int MAX_NUMBER_LENGTH = 40;
    static final String CODE_COLUMN = "municipality_code";
    static final String YEAR_COLUMN = "survey_year";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> TRUE = Set.of("true", "yes", "ja", "1");
    private static final Set<String> FALSE = Set.of("false", "no", "nei", "0");

    private ImportParser() {
    }

    /** A CSV row before conversion: its cells by column. */
    record RawCsvRow(int row, Map<String, String> cells) {
    }

    static List<RawCsvRow> readCsv(String text) {
        // Two columns of one name would leave one of their values unread, so they are refused.
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW).get();
        List<RawCsvRow> rows = new ArrayList<>();
        // Spreadsheets' "CSV UTF-8" begins with a byte-order mark, which would otherwise be part of the first column's name.
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        try (CSVParser parser = format.parse(new StringReader(body))) {
            List<String> header = parser.getHeaderNames();
            if (!header.contains(CODE_COLUMN) || !header.contains(YEAR_COLUMN)) {
                throw ApiException.badRequest("invalid-import", "The CSV header must have the columns "
                        + CODE_COLUMN + " and " + YEAR_COLUMN + ".", List.of(Issue.error("/header", "missing_column",
                                "Columns " + CODE_COLUMN + " and " + YEAR_COLUMN + " are required.")));
            }
            for (CSVRecord record : parser) {
                if (rows.size() == MAX_ROWS) {
                    throw tooMany();
                }
                if (!record.isConsistent()) {
                    throw ApiException.badRequest("invalid-import", "CSV row " + (rows.size() + 1) + " has "
                            + record.size() + " cells; the header has " + header.size() + ".", List.of());
                }
                Map<String, String> cells = new LinkedHashMap<>();
                for (String column : header) {
                    cells.put(column, record.get(column));
                }
                rows.add(new RawCsvRow(rows.size() + 1, cells));
            }
        } catch (IOException | java.io.UncheckedIOException | IllegalStateException e) {
            throw ApiException.badRequest("invalid-import", "The body is not a readable CSV file.", List.of());
        } catch (IllegalArgumentException e) {
            // commons-csv refuses a header with an empty or repeated column name, as a spreadsheet's trailing comma gives
            throw ApiException.badRequest("invalid-import", "The CSV header has an empty or repeated column name.",
                    List.of(Issue.error("/header", "invalid_column", "Every column needs a name of its own; remove empty or repeated ones.")));
        }
        return rows;
    }

    static List<ImportRow> convertCsv(List<RawCsvRow> raw, Function<Integer, SurveyDefinition> definitions) {
        List<ImportRow> rows = new ArrayList<>();
        for (RawCsvRow r : raw) {
            List<Issue> errors = new ArrayList<>();
            String code = r.cells().get(CODE_COLUMN);
            Integer year = parseYear(r.cells().get(YEAR_COLUMN), errors);
            SurveyDefinition definition = year == null ? null : definitions.apply(year);
            ObjectNode answers = NODES.objectNode();
            for (Map.Entry<String, String> cell : r.cells().entrySet()) {
                String column = cell.getKey();
                if (column.equals(CODE_COLUMN) || column.equals(YEAR_COLUMN) || cell.getValue().isEmpty()) {
                    continue;
                }
                Question question = definition == null ? null : definition.question(column).orElse(null);
                answers.set(column, question == null ? NODES.textNode(cell.getValue()) : convert(question, cell.getValue(), errors));
            }
            rows.add(new ImportRow(r.row(), code, year, answers, errors));
        }
        return rows;
    }

    /** One issue for each field of {@code object} (at the pointer {@code at}) that is not {@code known}. */
    private static List<Issue> unknownFields(JsonNode object, String at, Set<String> known) {
        List<Issue> unknown = new ArrayList<>();
        for (Iterator<String> names = object.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!known.contains(name)) {
                unknown.add(Issue.error(at + "/" + Issue.token(name), "unknown_field", "Unknown field '" + name + "'."));
            }
        }
        return unknown;
    }

    static List<ImportRow> readJson(ObjectMapper mapper, byte[] body) {
        JsonNode root;
        try {
            root = mapper.readTree(body);
        } catch (IOException e) {
            throw ProblemMappers.duplicateField(e)
                    .orElseGet(() -> ApiException.badRequest("malformed-body", "The body is not well-formed JSON in UTF-8.", List.of()));
        } catch (NumberFormatException e) {
            // Numbers are read exactly (StorableJson), and one like 1e9999999999 has no exact value.
            throw ApiException.badRequest("malformed-body", "The body has a number whose exponent is out of range.", List.of());
        }
        if (root != null && root.isObject()) {
            // The rows refuse fields they do not know, and so does the body: {"dryRun": true, "rows": [...]} would
            // otherwise import for real what its sender meant to try out (the dry run is ?dryRun=true).
            List<Issue> unknown = unknownFields(root, "", Set.of("rows"));
            if (!unknown.isEmpty()) {
                throw ApiException.badRequest("unknown-field", "The body has a field this endpoint does not know; a dry run is ?dryRun=true.",
                        unknown);
            }
        }
        JsonNode list = root == null ? null : root.get("rows");
        if (list == null || !list.isArray()) {
            throw ApiException.badRequest("invalid-import", "The body must be {\"rows\": [...]}.",
                    List.of(Issue.error("/rows", "required", "An array of rows is required.")));
        }
        if (list.size() > MAX_ROWS) {
            throw tooMany();
        }
        List<ImportRow> rows = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode item = list.get(i);
            List<Issue> errors = new ArrayList<>();
            String at = "/rows/" + i;
            if (!item.isObject()) {
                errors.add(Issue.error(at, "wrong_type", "Each row must be an object."));
                rows.add(new ImportRow(i + 1, null, null, NODES.objectNode(), errors));
                continue;
            }
            errors.addAll(unknownFields(item, at, ROW_FIELDS));
            JsonNode code = item.get("municipalityCode");
            JsonNode year = item.get("surveyYear");
            JsonNode answers = item.get("answers");
            if (code == null || !code.isTextual()) {
                errors.add(Issue.error(at + "/municipalityCode", "required", "A four-digit municipality code is required."));
            }
            if (year == null || !year.canConvertToExactIntegral() || !year.canConvertToInt()) {
                errors.add(Issue.error(at + "/surveyYear", "required", "A survey year is required."));
            }
            if (answers == null || !answers.isObject()) {
                errors.add(Issue.error(at + "/answers", "required", "An answers object is required."));
            }
            rows.add(new ImportRow(i + 1, code != null && code.isTextual() ? code.textValue() : null,
                    year != null && year.canConvertToExactIntegral() && year.canConvertToInt() ? year.intValue() : null,
                    answers != null && answers.isObject() ? (ObjectNode) answers : NODES.objectNode(), errors));
        }
        return rows;
    }

    private static JsonNode convert(Question question, String cell, List<Issue> errors) {
        String at = AnswerValidator.pointer(question.id());
        switch (question.type()) {
            case INTEGER, DECIMAL -> {
                try {
                    // A longer cell is no number a municipality reports, and parsing one costs time in its length.
                    if (cell.length() > MAX_NUMBER_LENGTH) {
                        throw new NumberFormatException();
                    }
                    return NODES.numberNode(new BigDecimal(cell));
                } catch (NumberFormatException e) {
                    errors.add(Issue.error(at, "wrong_type", cell.length() > MAX_NUMBER_LENGTH
                            ? "Not a number: numbers have at most " + MAX_NUMBER_LENGTH + " characters."
                            : "'" + Issue.quote(cell) + "' is not a number."));
                    return NODES.nullNode();
                }
            }
            case BOOLEAN -> {
                String value = cell.toLowerCase(Locale.ROOT);
                if (TRUE.contains(value)) {
                    return NODES.booleanNode(true);
                }
                if (FALSE.contains(value)) {
                    return NODES.booleanNode(false);
                }
                errors.add(Issue.error(at, "wrong_type", "'" + Issue.quote(cell) + "' is not yes or no."));
                return NODES.nullNode();
            }
            default -> {
                return NODES.textNode(cell);
            }
        }
    }

    private static Integer parseYear(String cell, List<Issue> errors) {
        try {
            return Integer.valueOf(cell);
        } catch (NumberFormatException | NullPointerException e) {
            errors.add(Issue.error("/" + YEAR_COLUMN, "wrong_type", "'" + Issue.quote(cell) + "' is not a year."));
            return null;
        }
    }

    private static ApiException tooMany() {
        return new ApiException(no.rusmonitor.platform.problem.Problem.of(413, "too-many-rows", "Too many rows",
                "An import takes at most " + MAX_ROWS + " rows; split the file."));
    }
}
