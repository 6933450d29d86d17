package no.rusmonitor.survey.definition;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import no.rusmonitor.platform.problem.Issue;

/**
 * Checks a definition for sense before it is published: rules that bean validation on the fields
 * cannot express because they look across questions.
 */
public final class DefinitionRules {

    /**
     * Limits on the text a submission may carry, so that its event, which holds the answers and what
     * changed, stays far below the 1 MB Kafka takes in one record: one that Kafka refused would be parked by
     * the outbox relay and reach no other service until an operator sent it again.
     */
    public static final int LONGEST_TEXT = 10_000;
    public static final int MOST_TEXT = 20_000;

    private DefinitionRules() {
    }

    public static List<Issue> check(DefinitionContent content) {
        List<Issue> issues = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        Map<String, Question> byId = new java.util.HashMap<>();
        content.questions().forEach(q -> byId.putIfAbsent(q.id(), q));
        for (int i = 0; i < content.questions().size(); i++) {
            Question q = content.questions().get(i);
            String at = "/questions/" + i;
            if (!seen.add(q.id())) {
                issues.add(Issue.error(at + "/id", "duplicate_question", "Question id '" + q.id() + "' is used twice."));
            }
            boolean numeric = q.type().isNumeric();
            if (!numeric && (q.min() != null || q.max() != null || !q.maxSumOf().isEmpty() || q.warnOnChangeAbove() != null)) {
                issues.add(Issue.error(at + "/type", "bounds_on_non_number", "Only integer and decimal questions take min, max, maxSumOf and warnOnChangeAbove."));
            }
            if (q.min() != null && q.max() != null && q.min().compareTo(q.max()) > 0) {
                issues.add(Issue.error(at + "/min", "min_above_max", "min is larger than max."));
            }
            if (q.type() == QuestionType.CHOICE && q.options().isEmpty()) {
                issues.add(Issue.error(at + "/options", "missing_options", "A choice question needs options."));
            }
            if (q.type() != QuestionType.CHOICE && !q.options().isEmpty()) {
                issues.add(Issue.error(at + "/options", "options_on_non_choice", "Only choice questions take options."));
            }
            if (q.type() != QuestionType.TEXT && q.maxLength() != null) {
                issues.add(Issue.error(at + "/maxLength", "length_on_non_text", "Only text questions take maxLength."));
            }
            if (q.type() == QuestionType.TEXT && q.maxLength() == null) {
                issues.add(Issue.error(at + "/maxLength", "missing_max_length", "A text question needs maxLength."));
            }
            if (q.type() == QuestionType.INTEGER && ((q.min() != null && !isWhole(q.min())) || (q.max() != null && !isWhole(q.max())))) {
                issues.add(Issue.error(at + "/min", "fractional_bound", "Bounds of an integer question are whole numbers."));
            }
            for (int r = 0; r < q.maxSumOf().size(); r++) {
                String ref = q.maxSumOf().get(r);
                Question target = byId.get(ref);
                if (target == null) {
                    issues.add(Issue.error(at + "/maxSumOf/" + r, "unknown_question", "maxSumOf names '" + ref + "', which is not a question here."));
                } else if (!target.type().isNumeric() || ref.equals(q.id())) {
                    issues.add(Issue.error(at + "/maxSumOf/" + r, "invalid_reference", "maxSumOf must name other numeric questions."));
                }
            }
        }
        int text = content.questions().stream().filter(q -> q.type() == QuestionType.TEXT && q.maxLength() != null)
                .mapToInt(Question::maxLength).sum();
        if (text > MOST_TEXT) {
            issues.add(Issue.error("/questions", "too_much_text", "The text questions' maxLength add up to " + text
                    + " characters; at most " + MOST_TEXT + " are allowed in one submission."));
        }
        return issues;
    }

    private static boolean isWhole(java.math.BigDecimal value) {
        return value.stripTrailingZeros().scale() <= 0;
    }
}
