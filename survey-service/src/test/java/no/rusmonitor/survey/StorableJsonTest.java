package no.rusmonitor.survey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import no.rusmonitor.survey.deadline.ReopenRequest;
import no.rusmonitor.survey.definition.DefinitionContent;
import no.rusmonitor.survey.definition.LocalizedText;
import no.rusmonitor.survey.definition.Question;
import no.rusmonitor.survey.definition.QuestionType;
import no.rusmonitor.survey.definition.Schedule;
import no.rusmonitor.survey.definition.SurveyDefinition;
import no.rusmonitor.survey.validation.AnswerValidator;

/** What this service's JSON reading takes, and how exactly. */
class StorableJsonTest {

    private static final ObjectMapper JSON = mapper();
    private static final LocalizedText L = new LocalizedText("x", "x");
    private static final SurveyDefinition DEFINITION = new SurveyDefinition(2024, 1, L, List.of(
            new Question("users_total", QuestionType.INTEGER, BigDecimal.ZERO, null, null, null, null, true, null, null, L),
            new Question("fte", QuestionType.DECIMAL, BigDecimal.ZERO, new BigDecimal("5000"), null, null, null, true, null, null, L)),
            Instant.EPOCH, "test");

    private static ObjectMapper mapper() {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        new StorableJson().customize(mapper);
        return mapper;
    }

    private static List<String> errors(String answers) throws Exception {
        return AnswerValidator.validate(DEFINITION, (ObjectNode) JSON.readTree(answers), null).errors().stream()
                .map(i -> i.pointer() + ":" + i.code()).toList();
    }

    @Test
    void answersAreJudgedAsWrittenNotAsTheNearestDouble() throws Exception {
        assertEquals(List.of("/answers/fte:above_maximum"), errors("{\"users_total\": 1, \"fte\": 5000.0000000000000001}"));
        assertEquals(List.of("/answers/users_total:not_whole_number"), errors("{\"users_total\": 100.00000000000000001, \"fte\": 1}"));
        assertEquals(List.of(), errors("{\"users_total\": 1e2, \"fte\": 5000.0}"));
    }

    @Test
    void answersKeepTheDigitsTheyWereSentWith() throws Exception {
        String sent = "{\"fte\":12.12345678901234567,\"waiting\":14.10,\"users_total\":3.0,\"count\":7}";
        assertEquals(sent, JSON.writeValueAsString(JSON.readTree(sent)));
    }

    @Test
    void textWithU0000IsRefusedAtItsField() throws Exception {
        JsonMappingException refused = assertThrows(JsonMappingException.class,
                () -> JSON.readValue("{\"municipalityCode\": \"0301\", \"reason\": \"a\\u0000b\"}", ReopenRequest.class));
        assertEquals("reason", refused.getPath().get(0).getFieldName());
        refused = assertThrows(JsonMappingException.class, () -> JSON.readValue("{\"title\": {\"nb\": \"x\", \"en\": \"x\"}, \"questions\": "
                + "[{\"id\": \"a\", \"type\": \"boolean\", \"label\": {\"nb\": \"a\\u0000\", \"en\": \"a\"}}]}", DefinitionContent.class));
        assertEquals("questions/0/label/nb", path(refused));
        assertEquals("tab\tand\nlines", JSON.readValue("{\"municipalityCode\": \"0301\", \"reason\": \"tab\\tand\\nlines\"}",
                ReopenRequest.class).reason());
    }

    @Test
    void timesLieInTheYears2000To2200() throws Exception {
        JsonMappingException refused = assertThrows(JsonMappingException.class, () -> JSON.readValue(
                "{\"opensAt\": \"2024-01-01T00:00:00Z\", \"deadline\": \"+200000-01-01T00:00:00Z\"}", Schedule.class));
        assertEquals("deadline", path(refused));
        assertThrows(JsonMappingException.class, () -> JSON.readValue(
                "{\"opensAt\": \"1999-12-31T23:59:59Z\", \"deadline\": \"2024-01-01T00:00:00Z\"}", Schedule.class));
        assertThrows(JsonMappingException.class, () -> JSON.readValue(
                "{\"municipalityCode\": \"0301\", \"until\": \"2201-01-01T00:00:00Z\"}", ReopenRequest.class));
        assertEquals(Instant.parse("2200-12-31T23:59:59Z"), JSON.readValue(
                "{\"opensAt\": \"2000-01-01T00:00:00Z\", \"deadline\": \"2200-12-31T23:59:59Z\"}", Schedule.class).deadline());
    }

    @Test
    void boundsLieWithinWhatAnAnswerMayBe() throws Exception {
        for (String bound : List.of("1e400000", "-1e400000", "1e-400000", "0e-400000", "0e2000000000", "0e16", "1000000000000001", "0.000000000000000000001")) {
            JsonMappingException refused = assertThrows(JsonMappingException.class, () -> JSON.readValue("{\"title\": {\"nb\": \"x\", \"en\": \"x\"}, "
                    + "\"questions\": [{\"id\": \"a\", \"type\": \"decimal\", \"max\": " + bound + ", \"label\": {\"nb\": \"a\", \"en\": \"a\"}}]}",
                    DefinitionContent.class), bound);
            assertEquals("questions/0/max", path(refused), bound);
        }
        DefinitionContent fine = JSON.readValue("{\"title\": {\"nb\": \"x\", \"en\": \"x\"}, \"questions\": [{\"id\": \"a\", \"type\": \"decimal\", "
                + "\"min\": -1e15, \"max\": 1000000000000000, \"warnOnChangeAbove\": 0.00000000000000000001, \"label\": {\"nb\": \"a\", \"en\": \"a\"}}]}",
                DefinitionContent.class);
        assertEquals(0, fine.questions().get(0).max().compareTo(AnswerValidator.LARGEST_NUMBER));
    }

    private static String path(JsonMappingException e) {
        return String.join("/", e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : String.valueOf(r.getIndex())).toList());
    }
}
