package no.rusmonitor.survey.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import no.rusmonitor.platform.problem.Issue;
import no.rusmonitor.survey.definition.LocalizedText;
import no.rusmonitor.survey.definition.Question;
import no.rusmonitor.survey.definition.QuestionType;
import no.rusmonitor.survey.definition.SurveyDefinition;

class AnswerValidatorTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final LocalizedText L = new LocalizedText("x", "x");
    private static final BigDecimal HALF = new BigDecimal("0.5");

    private static final SurveyDefinition DEFINITION = new SurveyDefinition(2024, 1, L, List.of(
            new Question("users_total", QuestionType.INTEGER, BigDecimal.ZERO, null, null, null, null, true, HALF, "3", L),
            new Question("users_with_plan", QuestionType.INTEGER, BigDecimal.ZERO, null, List.of("users_total"), null, null, true, HALF, "3", L),
            new Question("fte", QuestionType.DECIMAL, BigDecimal.ZERO, new BigDecimal("5000"), null, null, null, true, HALF, "effort", L),
            new Question("council", QuestionType.BOOLEAN, null, null, null, null, null, true, null, "1", L),
            new Question("budget", QuestionType.CHOICE, null, null, null, List.of("increased", "unchanged"), null, true, null, "effort", L),
            new Question("comment", QuestionType.TEXT, null, null, null, null, 5, false, null, null, L)),
            Instant.EPOCH, "test");

    private static ObjectNode answers(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static ValidationReport validate(String json) {
        return AnswerValidator.validate(DEFINITION, answers(json), null);
    }

    private static List<String> codes(List<Issue> issues) {
        return issues.stream().map(i -> i.pointer() + ":" + i.code()).toList();
    }

    @Test
    void completeAndConsistentAnswersPass() {
        ValidationReport report = validate("{\"users_total\": 10, \"users_with_plan\": 10, \"fte\": 2.5, \"council\": true, \"budget\": \"unchanged\"}");
        assertTrue(report.valid());
        assertTrue(report.warnings().isEmpty());
    }

    @Test
    void eachKindOfErrorIsNamedAtItsAnswer() {
        ValidationReport report = validate("{\"users_total\": 2.5, \"users_with_plan\": -1, \"fte\": 5000.01, \"council\": \"yes\","
                + " \"budget\": \"halved\", \"comment\": \"sixsix\", \"colour\": 1}");
        assertEquals(List.of("/answers/colour:unknown_question", "/answers/users_total:not_whole_number",
                "/answers/users_with_plan:below_minimum", "/answers/fte:above_maximum", "/answers/council:wrong_type",
                "/answers/budget:not_an_option", "/answers/comment:too_long"), codes(report.errors()));
    }

    @Test
    void anUnknownQuestionIsQuotedCutShortAndPrintable() {
        ValidationReport report = validate("{\"" + "\\u001b" + "q".repeat(5000) + "\": 1}");
        String message = report.errors().stream().filter(e -> e.code().equals("unknown_question")).findFirst().orElseThrow().message();
        assertTrue(message.length() < 200, message);
        assertTrue(message.chars().allMatch(c -> c >= 0x20 && c < 0x7f), message);
    }

    @Test
    void missingRequiredAnswersAndNullsCountAsUnanswered() {
        ValidationReport report = validate("{\"users_total\": null}");
        assertEquals(5, report.errors().size());
        assertTrue(report.errors().stream().allMatch(e -> e.code().equals("required")));
        assertFalse(report.blocksDraft(), "a draft may be incomplete");
    }

    @Test
    void aRequiredTextQuestionIsNotAnsweredBySpaces() {
        SurveyDefinition definition = new SurveyDefinition(2024, 1, L, List.of(
                new Question("contact", QuestionType.TEXT, null, null, null, null, 50, true, null, null, L),
                new Question("comment", QuestionType.TEXT, null, null, null, null, 50, false, null, null, L)), Instant.EPOCH, "test");
        for (String blank : new String[] { "\"\"", "\"   \"", "\"\\n\\t\"" }) {
            ValidationReport report = AnswerValidator.validate(definition, answers("{\"contact\": " + blank + ", \"comment\": " + blank + "}"), null);
            assertEquals(List.of("/answers/contact:required"), codes(report.errors()), blank);
        }
        assertTrue(AnswerValidator.validate(definition, answers("{\"contact\": \"Kari\"}"), null).valid());
        // Blank or not, a text is checked as every text is: control characters and its length.
        assertEquals(List.of("/answers/comment:invalid_characters"),
                codes(AnswerValidator.validate(definition, answers("{\"contact\": \"Kari\", \"comment\": \"\\u001f\"}"), null).errors()));
        assertEquals(List.of("/answers/comment:too_long"), codes(AnswerValidator.validate(definition,
                answers("{\"contact\": \"Kari\", \"comment\": \"" + " ".repeat(51) + "\"}"), null).errors()));
    }

    @Test
    void crossFieldSumsAreCheckedOnlyWhenTheirPartsAreValid() {
        assertEquals(List.of("/answers/users_with_plan:exceeds_sum"),
                codes(validate("{\"users_total\": 10, \"users_with_plan\": 11, \"fte\": 1, \"council\": true, \"budget\": \"unchanged\"}").errors()));
        assertEquals(List.of("/answers/users_total:wrong_type"),
                codes(validate("{\"users_total\": \"ten\", \"users_with_plan\": 11, \"fte\": 1, \"council\": true, \"budget\": \"unchanged\"}").errors()));
    }

    @Test
    void numbersWrittenWithAZeroFractionAreWhole() {
        assertTrue(validate("{\"users_total\": 10.0, \"users_with_plan\": 1, \"fte\": 1, \"council\": true, \"budget\": \"unchanged\"}").valid());
    }

    @Test
    void moreThanHalfAChangeFromLastYearIsAWarning() {
        ObjectNode lastYear = answers("{\"users_total\": 100, \"users_with_plan\": 0, \"fte\": 4}");
        ValidationReport report = AnswerValidator.validate(DEFINITION,
                answers("{\"users_total\": 151, \"users_with_plan\": 3, \"fte\": 6, \"council\": true, \"budget\": \"unchanged\"}"), lastYear);
        assertTrue(report.valid());
        assertEquals(List.of("/answers/users_total:large_change"), codes(report.warnings()),
                "151 is 51 % up; a change from 0 has no percentage; 4 -> 6 is exactly 50 %");
        assertEquals(1, report.unacknowledged(List.of()).size());
        assertEquals(0, report.unacknowledged(List.of("/answers/users_total")).size());
    }

    @Test
    void textLengthCountsCharactersNotBytes() {
        assertTrue(validate("{\"users_total\": 1, \"users_with_plan\": 1, \"fte\": 1, \"council\": true, \"budget\": \"unchanged\", \"comment\": \"ææøøå\"}").valid());
    }

    @Test
    void numbersBeyondWhatJsonOrTheSystemHoldsAreOutOfBounds() {
        String rest = ", \"users_with_plan\": 1, \"fte\": 1, \"council\": true, \"budget\": \"unchanged\"}";
        assertEquals(List.of("/answers/users_total:above_maximum"), codes(validate("{\"users_total\": 1e309" + rest).errors()),
                "1e309 is read as infinity");
        assertEquals(List.of("/answers/users_total:below_minimum"), codes(validate("{\"users_total\": -1e309" + rest).errors()));
        assertEquals(List.of("/answers/users_total:above_maximum"), codes(validate("{\"users_total\": 1e16" + rest).errors()),
                "a question without a maximum still has the system's");
        assertEquals("Must be at most 5000.", validate("{\"users_total\": 1, \"users_with_plan\": 1, \"fte\": 1e309, \"council\": true,"
                + " \"budget\": \"unchanged\"}").errors().get(0).message(), "the question's own maximum where it is the lower");
        assertTrue(validate("{\"users_total\": 1000000000000000" + rest).valid());
    }

    @Test
    void aZeroWithAnExponentBeyondTheLargestNumbersIsRefused() {
        ObjectNode zero = answers("{\"users_with_plan\": 0, \"fte\": 1, \"council\": true, \"budget\": \"unchanged\"}");
        zero.put("users_total", new BigDecimal("0e2000000000"));
        assertEquals(List.of("/answers/users_total:exponent_too_large"), codes(AnswerValidator.validate(DEFINITION, zero, null).errors()));
        zero.put("users_total", new BigDecimal("1e15"));
        assertTrue(AnswerValidator.validate(DEFINITION, zero, null).valid(), "10^15 itself, written with its exponent");
    }

    @Test
    void decimalsBeyondTwentyAreRefusedWithoutComputingWithThem() {
        ObjectNode tiny = answers("{\"users_total\": 1, \"users_with_plan\": 1, \"council\": true, \"budget\": \"unchanged\"}");
        tiny.put("fte", new BigDecimal("1e-999999999"));
        assertEquals(List.of("/answers/fte:too_precise"), codes(AnswerValidator.validate(DEFINITION, tiny, null).errors()));
        ObjectNode huge = answers("{\"users_with_plan\": 1, \"fte\": 1, \"council\": true, \"budget\": \"unchanged\"}");
        huge.put("users_total", new BigDecimal("1e999999999"));
        assertEquals(List.of("/answers/users_total:above_maximum"), codes(AnswerValidator.validate(DEFINITION, huge, null).errors()),
                "refused before the sum users_with_plan <= users_total is computed");
    }

    @Test
    void textThatCannotBeStoredAsGivenIsRefused() {
        String rest = "{\"users_total\": 1, \"users_with_plan\": 1, \"fte\": 1, \"council\": true, \"budget\": \"unchanged\", \"comment\": ";
        for (String text : List.of("\"a\\u0000b\"", "\"\\u0007\"", "\"\\ud800\"", "\"x\\udc00\"", "\"\\u007f\"", "\"x\\u009bx\"", "\"\\u0085\"")) {
            assertEquals(List.of("/answers/comment:invalid_characters"), codes(validate(rest + text + "}").errors()), text);
        }
        for (String text : List.of("\"a\\tb\"", "\"1\\n2\\r\"", "\"\\ud83d\\ude00\"", "\"\\u00a0ø\"")) {
            assertTrue(validate(rest + text + "}").valid(), text + ": tab, line breaks and a whole surrogate pair are text");
        }
    }

    /** Each unknown answer is an issue of its own, so thousands of them are refused as one. */
    @Test
    void farMoreAnswersThanQuestionsAreRefusedAsOne() {
        ObjectNode many = answers("{\"users_total\": 1, \"users_with_plan\": 1, \"fte\": 1, \"council\": true, \"budget\": \"unchanged\"}");
        for (int i = 0; many.size() <= AnswerValidator.MAX_ANSWERS; i++) {
            many.put("q" + i, 0);
        }
        ValidationReport report = AnswerValidator.validate(DEFINITION, many, null);
        assertEquals(List.of("/answers:too_many_answers"), codes(report.errors()));
        many.remove("q0");
        assertEquals(AnswerValidator.MAX_ANSWERS - 5, AnswerValidator.validate(DEFINITION, many, null).errors().size(),
                "within the bound, each unknown answer is named");
    }
}
