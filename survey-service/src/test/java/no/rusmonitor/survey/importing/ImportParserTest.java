package no.rusmonitor.survey.importing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.survey.definition.LocalizedText;
import no.rusmonitor.survey.definition.Question;
import no.rusmonitor.survey.definition.QuestionType;
import no.rusmonitor.survey.definition.SurveyDefinition;

class ImportParserTest {

    private static final LocalizedText L = new LocalizedText("x", "x");
    private static final SurveyDefinition DEFINITION = new SurveyDefinition(2018, 1, L, List.of(
            new Question("users_total", QuestionType.INTEGER, BigDecimal.ZERO, null, null, null, null, true, null, null, L),
            new Question("council", QuestionType.BOOLEAN, null, null, null, null, null, true, null, null, L),
            new Question("budget", QuestionType.CHOICE, null, null, null, List.of("unchanged"), null, true, null, null, L)),
            Instant.EPOCH, "test");

    @Test
    void csvCellsBecomeTypedAnswers() {
        List<ImportRow> rows = ImportParser.convertCsv(ImportParser.readCsv(
                "municipality_code,survey_year,users_total,council,budget,comment\n"
                        + "0301,2018,12,ja,unchanged,\n"
                        + "\"0302\",2018, 7 ,NO,\"unchanged\",hei\n"), year -> DEFINITION);
        assertEquals(2, rows.size());
        assertEquals("{\"users_total\":12,\"council\":true,\"budget\":\"unchanged\"}", rows.get(0).answers().toString());
        assertEquals("0302", rows.get(1).municipalityCode());
        assertEquals(false, rows.get(1).answers().get("council").booleanValue());
        assertEquals("hei", rows.get(1).answers().get("comment").textValue(), "unknown columns are kept, for the validator to name");
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsNotPartOfItsFirstColumn() {
        List<ImportRow> rows = ImportParser.convertCsv(ImportParser.readCsv("\uFEFFmunicipality_code,survey_year,users_total\n0301,2018,12\n"),
                year -> DEFINITION);
        assertEquals("0301", rows.get(0).municipalityCode());
        assertEquals(List.of(), rows.get(0).formErrors());
    }

    @Test
    void unreadableCellsAreRowErrors() {
        List<ImportRow> rows = ImportParser.convertCsv(ImportParser.readCsv(
                "municipality_code,survey_year,users_total,council\n0301,20x8,many,maybe\n"), year -> DEFINITION);
        assertEquals(List.of("/survey_year"), rows.get(0).formErrors().stream().map(i -> i.pointer()).toList(),
                "without a year there is no definition to read the other cells by");
        List<ImportRow> typed = ImportParser.convertCsv(ImportParser.readCsv(
                "municipality_code,survey_year,users_total,council\n0301,2018,many,maybe\n"), year -> DEFINITION);
        assertEquals(List.of("/answers/users_total", "/answers/council"), typed.get(0).formErrors().stream().map(i -> i.pointer()).toList());
    }

    @Test
    void aFileWithoutTheKeyColumnsOrWithRaggedRowsIsRefused() {
        assertThrows(ApiException.class, () -> ImportParser.readCsv("code,year\n0301,2018\n"));
        assertThrows(ApiException.class, () -> ImportParser.readCsv("municipality_code,survey_year,a\n0301,2018\n"));
        ApiException emptyColumn = assertThrows(ApiException.class,
                () -> ImportParser.readCsv("municipality_code,survey_year,users_total,\n0301,2018,3,\n"), "a spreadsheet's trailing comma");
        assertEquals(400, emptyColumn.problem().status());
        assertEquals("/header", emptyColumn.problem().errors().get(0).pointer());
        assertThrows(ApiException.class, () -> ImportParser.readCsv("municipality_code,survey_year,users_total,users_total\n0301,2018,3,4\n"),
                "two columns of one name");
    }

    @Test
    void aCellQuotedInAnErrorIsCutShortAndHasNoControlCharacters() {
        String cell = "\u0007" + "x".repeat(5000);
        List<ImportRow> rows = ImportParser.convertCsv(ImportParser.readCsv(
                "municipality_code,survey_year,users_total,council\n0301,2018,12," + cell + "\n"), year -> DEFINITION);
        String message = rows.get(0).formErrors().get(0).message();
        assertTrue(message.length() < 200, message);
        assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f), message);
    }

    @Test
    void aNumberCellLongerThanAnyReportedNumberIsNotReadAsOne() {
        String digits = "9".repeat(ImportParser.MAX_NUMBER_LENGTH + 1);
        List<ImportRow> rows = ImportParser.convertCsv(ImportParser.readCsv(
                "municipality_code,survey_year,users_total\n0301,2018," + digits + "\n"), year -> DEFINITION);
        assertEquals(List.of("/answers/users_total"), rows.get(0).formErrors().stream().map(i -> i.pointer()).toList());
        assertTrue(!rows.get(0).formErrors().get(0).message().contains(digits), "the cell is not echoed back");
    }

    @Test
    void jsonRowsAreCheckedForForm() {
        List<ImportRow> rows = ImportParser.readJson(new ObjectMapper(),
                "{\"rows\": [{\"municipalityCode\": \"0301\", \"surveyYear\": 2018, \"answers\": {\"users_total\": 3}}, 7, {\"extra\": 1}]}"
                        .getBytes());
        assertTrue(rows.get(0).formErrors().isEmpty());
        assertEquals("/rows/1", rows.get(1).formErrors().get(0).pointer());
        assertEquals(List.of("/rows/2/extra", "/rows/2/municipalityCode", "/rows/2/surveyYear", "/rows/2/answers"),
                rows.get(2).formErrors().stream().map(i -> i.pointer()).toList());
    }
}
