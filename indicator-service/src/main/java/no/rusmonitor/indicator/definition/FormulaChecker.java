package no.rusmonitor.indicator.definition;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import no.rusmonitor.indicator.compute.CompiledIndicator;
import no.rusmonitor.indicator.compute.Contributions;
import no.rusmonitor.indicator.formula.Formula;
import no.rusmonitor.indicator.formula.FormulaException;
import no.rusmonitor.platform.problem.Issue;

/**
 * Checks the formulas of a definition before it is published: they must parse, refer only to known
 * questions and the reference variables, and give a number when tried with typical answers. Every
 * finding names the field it is about.
 */
public final class FormulaChecker {

    private FormulaChecker() {
    }

    public static List<Issue> check(DefinitionContent content, QuestionCatalogue questions) {
        List<Issue> issues = new ArrayList<>();
        Formula numerator = checkOne("numerator", content.numerator(), content, questions, issues);
        Formula denominator = checkOne("denominator", content.denominator(), content, questions, issues);
        if (numerator != null && denominator != null && issues.isEmpty()) {
            tryWithSamples("numerator", numerator, false, questions, issues);
            tryWithSamples("denominator", denominator, true, questions, issues);
            requirePersonCounts(content, numerator, denominator, questions, issues);
        }
        return issues;
    }

    /**
     * Suppression runs only for the parts an indicator names as counting persons, and published values cannot
     * be taken back. So an indicator whose formulas use a question that counts persons must name at least one
     * part (left out, by mistake or in a new version that changes only the wording, values on one or two persons
     * would be published), and each part it names must use such a question: a part over population alone would
     * make the population the person count, and nothing would ever be withheld. Which of the counting parts to
     * name is for the operator to say: in an average waiting time, days times users_total, the users count only
     * the denominator.
     */
    private static void requirePersonCounts(DefinitionContent content, Formula numerator, Formula denominator, QuestionCatalogue questions,
            List<Issue> issues) {
        Map<PersonCountPart, Formula> parts = Map.of(PersonCountPart.numerator, numerator, PersonCountPart.denominator, denominator);
        if (content.personCountParts().isEmpty()) {
            Set<String> counting = new TreeSet<>();
            parts.values().forEach(formula -> counting.addAll(countingPersons(formula, questions)));
            if (!counting.isEmpty()) {
                issues.add(Issue.error("/personCounts", "person_counts_missing", "The formulas use " + String.join(", ", counting)
                        + ", which count persons: personCounts must name the parts (numerator, denominator) that count persons,"
                        + " so that values on fewer than five are withheld from the public."));
            }
            return;
        }
        for (PersonCountPart part : PersonCountPart.values()) {
            // Which counting parts to name is the operator's call where a part only uses a count (days times users),
            // but a part that is nothing but persons counted is a person count: left out, a numerator of one
            // homeless user out of forty would be published.
            String formula = part == PersonCountPart.numerator ? content.numerator() : content.denominator();
            if (!content.personCountParts().contains(part) && COUNTS_ADDED.matcher(formula).matches()
                    && countingPersons(parts.get(part), questions).containsAll(parts.get(part).variables())) {
                issues.add(Issue.error("/personCounts", "person_count_part_unnamed", "The " + part + " (" + formula.strip()
                        + ") counts persons and nothing else, so personCounts must name it: values on fewer than five persons are"
                        + " withheld from the public only for the parts it names."));
            }
        }
        for (PersonCountPart part : content.personCountParts()) {
            if (countingPersons(parts.get(part), questions).isEmpty()) {
                issues.add(Issue.error("/personCounts", "person_count_part_counts_no_one", "personCounts names the " + part
                        + ", but its formula uses no question that counts persons, so it cannot tell how many persons a value is"
                        + " built on; name only parts that use one (such as users_total)."));
            }
        }
    }

    /** A formula that only adds up questions' answers: {@code users_total}, {@code (a + b)}. */
    private static final Pattern COUNTS_ADDED = Pattern.compile(
            "\\s*[(\\s]*[A-Za-z_][A-Za-z0-9_]*[)\\s]*(\\+[(\\s]*[A-Za-z_][A-Za-z0-9_]*[)\\s]*)*");

    /** The questions a formula uses that count persons. */
    private static Set<String> countingPersons(Formula formula, QuestionCatalogue questions) {
        Set<String> counting = new TreeSet<>();
        for (String variable : formula.variables()) {
            QuestionCatalogue.Question question = questions.find(variable);
            if (question != null && question.countsPersons()) {
                counting.add(variable);
            }
        }
        return counting;
    }

    private static Formula checkOne(String field, String text, DefinitionContent content, QuestionCatalogue questions, List<Issue> issues) {
        String pointer = "/" + field;
        Formula formula;
        try {
            formula = Formula.compile(text);
        } catch (FormulaException e) {
            // "The formula cannot be read: ..." becomes "The numerator formula cannot be read: ...".
            String message = e.getMessage();
            issues.add(Issue.error(pointer, "syntax_error", message.startsWith("The formula ")
                    ? "The " + field + " formula " + message.substring("The formula ".length())
                    : "The " + field + " formula cannot be read: " + message));
            return null;
        }
        boolean valid = true;
        for (String variable : formula.variables()) {
            if (CompiledIndicator.REFERENCE_VARIABLES.contains(variable)) {
                continue;
            }
            if (questions.find(variable) == null) {
                issues.add(Issue.error(pointer, "unknown_question", "The " + field + " formula refers to '" + variable
                        + "', which is neither a survey question nor one of population, submitted."));
                valid = false;
            } else if (content.aggregation() == Aggregation.sum_over_expected) {
                issues.add(Issue.error(pointer, "question_in_expected", "The " + field + " formula refers to question '" + variable
                        + "', but an indicator over all expected municipalities can use only population and submitted."));
                valid = false;
            }
        }
        return valid ? formula : null;
    }

    private static Map<String, Object> samples(Formula formula, QuestionCatalogue questions, int variant) {
        Map<String, Object> values = new HashMap<>();
        for (String variable : formula.variables()) {
            values.put(variable, switch (variable) {
                case CompiledIndicator.POPULATION -> BigDecimal.valueOf(12_345);
                case CompiledIndicator.SUBMITTED -> variant == 0;
                default -> questions.find(variable).sample(variant);
            });
        }
        return values;
    }

    private static void tryWithSamples(String field, Formula formula, boolean isDenominator, QuestionCatalogue questions, List<Issue> issues) {
        for (int variant = 0; variant < 2; variant++) {
            try {
                // Within the bounds a value is built in, too, as when a municipality's value is computed.
                Contributions.requireWithinBounds(formula.evaluate(samples(formula, questions, variant)), isDenominator);
            } catch (FormulaException e) {
                String message = e.getMessage();
                issues.add(Issue.error("/" + field, "invalid_formula", "The " + field + " formula fails with typical answers: "
                        + Character.toLowerCase(message.charAt(0)) + message.substring(1)));
                return;
            }
        }
    }
}
