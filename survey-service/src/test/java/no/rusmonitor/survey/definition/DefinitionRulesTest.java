package no.rusmonitor.survey.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import no.rusmonitor.platform.problem.Issue;

class DefinitionRulesTest {

    private static final LocalizedText L = new LocalizedText("x", "x");

    private static Question q(String id, QuestionType type, BigDecimal min, BigDecimal max, List<String> sumOf, List<String> options, Integer length) {
        return new Question(id, type, min, max, sumOf, options, length, true, null, null, L);
    }

    @Test
    void theDefinitionsInTheRepositoryAreSound() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
        for (int year = 2015; year <= 2024; year++) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream("surveys/survey-" + year + ".json")) {
                DefinitionFile file = mapper.readValue(in, DefinitionFile.class);
                assertEquals(year, file.year());
                assertEquals(List.of(), DefinitionRules.check(file.content()), "survey-" + year + ".json");
                assertTrue(file.schedule().opensAt().isBefore(file.schedule().deadline()));
            }
        }
    }

    @Test
    void nonsenseIsFoundWhereItIs() {
        List<Issue> issues = DefinitionRules.check(new DefinitionContent(L, List.of(
                q("a", QuestionType.INTEGER, BigDecimal.TEN, BigDecimal.ONE, null, null, null),
                q("a", QuestionType.INTEGER, null, null, null, null, null),
                q("b", QuestionType.INTEGER, new BigDecimal("0.5"), null, List.of("ghost", "c"), null, null),
                q("c", QuestionType.CHOICE, null, null, null, null, null),
                q("d", QuestionType.TEXT, null, null, null, List.of("x"), null),
                q("e", QuestionType.BOOLEAN, BigDecimal.ZERO, null, null, null, 4))));
        assertEquals(List.of("/questions/0/min:min_above_max", "/questions/1/id:duplicate_question",
                "/questions/2/min:fractional_bound", "/questions/2/maxSumOf/0:unknown_question", "/questions/2/maxSumOf/1:invalid_reference",
                "/questions/3/options:missing_options", "/questions/4/options:options_on_non_choice",
                "/questions/4/maxLength:missing_max_length", "/questions/5/type:bounds_on_non_number",
                "/questions/5/maxLength:length_on_non_text"),
                issues.stream().map(i -> i.pointer() + ":" + i.code()).toList());
    }

    @Test
    void textQuestionsMayNotTogetherTakeMoreThanAnEventCanCarry() {
        List<Question> three = List.of(q("a", QuestionType.TEXT, null, null, null, null, 10_000), q("b", QuestionType.TEXT, null, null, null, null, 10_000),
                q("c", QuestionType.TEXT, null, null, null, null, 1));
        assertEquals(List.of("/questions:too_much_text"), DefinitionRules.check(new DefinitionContent(L, three)).stream()
                .map(i -> i.pointer() + ":" + i.code()).toList());
        assertEquals(List.of(), DefinitionRules.check(new DefinitionContent(L, three.subList(0, 2))));
    }
}
