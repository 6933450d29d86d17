package no.rusmonitor.indicator.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.platform.problem.Issue;

/** What the checker refuses before a definition is stored: here, an indicator on counts of persons that would not be suppressed. */
class FormulaCheckerTest {

    private static final QuestionCatalogue QUESTIONS = QuestionCatalogue.load(new ObjectMapper());

    private static DefinitionContent definition(String numerator, String denominator, PersonCountPart... personCounts) {
        return new DefinitionContent(new LocalizedText("Andel", "Share"), null, "4", "percent", 1, numerator, denominator, 100.0,
                Aggregation.sum_over_reporting, List.of(personCounts), null);
    }

    @Test
    void anIndicatorOnCountsOfPersonsMustSayWhichPartsCountThem() {
        List<Issue> issues = FormulaChecker.check(definition("users_in_work", "users_total"), QUESTIONS);
        assertEquals(1, issues.size(), issues.toString());
        assertEquals("/personCounts", issues.get(0).pointer());
        assertEquals("person_counts_missing", issues.get(0).code());
        assertTrue(issues.get(0).message().contains("users_in_work, users_total"), issues.get(0).message());

        // Participants count persons too, wherever they appear in a formula.
        assertEquals(List.of("/personCounts"), FormulaChecker.check(definition("court_programme_participants * 2", "population"), QUESTIONS)
                .stream().map(Issue::pointer).toList());
    }

    /** A part named as counting persons must use a question that does: over population alone, nothing would ever be withheld. */
    @Test
    void aPartNamedAsCountingPersonsMustUseAQuestionThatCountsThem() {
        List<Issue> issues = FormulaChecker.check(definition("court_programme_participants", "population", PersonCountPart.denominator),
                QUESTIONS);
        // (and the participants, the numerator, are a count of persons not named: aPartThatOnlyCountsPersonsMustBeNamed)
        assertEquals(List.of("person_count_part_unnamed", "person_count_part_counts_no_one"), issues.stream().map(Issue::code).toList(),
                issues.toString());
        assertTrue(issues.get(1).message().contains("denominator"), issues.get(1).message());
        assertEquals(List.of(), FormulaChecker.check(definition("court_programme_participants", "population", PersonCountPart.numerator),
                QUESTIONS));
    }

    /** A part that is nothing but persons counted is named; one that only uses a count (days times users) need not be. */
    @Test
    void aPartThatOnlyCountsPersonsMustBeNamed() {
        List<Issue> issues = FormulaChecker.check(definition("users_homeless", "users_total", PersonCountPart.denominator), QUESTIONS);
        assertEquals(List.of("/personCounts"), issues.stream().map(Issue::pointer).toList(), issues.toString());
        assertEquals("person_count_part_unnamed", issues.get(0).code());
        assertTrue(issues.get(0).message().contains("numerator (users_homeless)"), issues.get(0).message());
        assertEquals(List.of("person_count_part_unnamed"), FormulaChecker.check(
                definition("(users_with_crisis_plan + users_with_individual_plan)", "users_total", PersonCountPart.denominator), QUESTIONS)
                .stream().map(Issue::code).toList());
        assertEquals(List.of(), FormulaChecker.check(definition("users_homeless", "users_total", PersonCountPart.numerator,
                PersonCountPart.denominator), QUESTIONS));
        assertEquals(List.of(), FormulaChecker.check(definition("waiting_days_avg * users_total", "users_total", PersonCountPart.denominator),
                QUESTIONS));
    }

    /** A number seen only in stored answers may count persons: an indicator over it must say which part does. */
    @Test
    void aQuestionKnownOnlyFromAnswersIsTakenToCountPersons() {
        QuestionCatalogue seen = QUESTIONS.withSeen(Map.of("users_in_housing_first", 7, "has_housing_first", true));
        assertEquals(List.of("/personCounts"), FormulaChecker.check(definition("users_in_housing_first", "population"), seen)
                .stream().map(Issue::pointer).toList());
        assertEquals(List.of(), FormulaChecker.check(definition("users_in_housing_first", "population", PersonCountPart.numerator), seen));
        assertEquals(List.of(), FormulaChecker.check(definition("IF(has_housing_first, 1, 0)", "1"), seen));
    }

    /** Each part finite, but their ratio times the factor, or a county's sum of them, would not be: refused before it is stored. */
    @Test
    void partsBeyondWhatAValueCanBeBuiltFromAreRefused() {
        List<Issue> huge = FormulaChecker.check(definition("users_total * 1E+304", "users_total", PersonCountPart.denominator), QUESTIONS);
        assertEquals(List.of("/numerator"), huge.stream().map(Issue::pointer).toList(), huge.toString());
        assertEquals("invalid_formula", huge.get(0).code());
        List<Issue> tiny = FormulaChecker.check(definition("users_total", "users_total * 1E-20", PersonCountPart.numerator), QUESTIONS);
        assertEquals(List.of("/denominator"), tiny.stream().map(Issue::pointer).toList(), tiny.toString());
    }

    @Test
    void namingOnePartIsEnoughAndAnIndicatorOnNoPersonsNeedsNone() {
        // An average waiting time: days times users_total over users_total, where only the denominator counts persons.
        assertEquals(List.of(), FormulaChecker.check(definition("waiting_days_avg * users_total", "users_total", PersonCountPart.denominator),
                QUESTIONS));
        assertEquals(List.of(), FormulaChecker.check(definition("fte_adults + fte_youth", "population"), QUESTIONS));
        assertEquals(List.of(), FormulaChecker.check(definition("IF(user_council, 1, 0)", "1"), QUESTIONS));
    }
}
