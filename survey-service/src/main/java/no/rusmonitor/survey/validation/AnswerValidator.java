package no.rusmonitor.survey.validation;

import static no.rusmonitor.survey.validation.ValidationCodes.ABOVE_MAXIMUM;
import static no.rusmonitor.survey.validation.ValidationCodes.BELOW_MINIMUM;
import static no.rusmonitor.survey.validation.ValidationCodes.EXCEEDS_SUM;
import static no.rusmonitor.survey.validation.ValidationCodes.INVALID_CHARACTERS;
import static no.rusmonitor.survey.validation.ValidationCodes.LARGE_CHANGE;
import static no.rusmonitor.survey.validation.ValidationCodes.NOT_AN_OPTION;
import static no.rusmonitor.survey.validation.ValidationCodes.NOT_WHOLE_NUMBER;
import static no.rusmonitor.survey.validation.ValidationCodes.REQUIRED;
import static no.rusmonitor.survey.validation.ValidationCodes.TOO_LONG;
import static no.rusmonitor.survey.validation.ValidationCodes.EXPONENT_TOO_LARGE;
import static no.rusmonitor.survey.validation.ValidationCodes.TOO_PRECISE;
import static no.rusmonitor.survey.validation.ValidationCodes.TOO_MANY_ANSWERS;
import static no.rusmonitor.survey.validation.ValidationCodes.UNKNOWN_QUESTION;
import static no.rusmonitor.survey.validation.ValidationCodes.WRONG_TYPE;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import no.rusmonitor.survey.definition.Question;
import no.rusmonitor.survey.definition.QuestionType;
import no.rusmonitor.survey.definition.SurveyDefinition;
import no.rusmonitor.platform.problem.Issue;

/**
 * Checks a municipality's answers against a survey definition, as Statistics Norway's control
 * programme does: errors (type, bounds, options, length, required, cross-field sums) and warnings (an
 * answer that moved more than the question allows from the same municipality's answer last year).
 * Pure logic: no I/O, no state.
 */
public final class AnswerValidator {

    /**
     * Whatever a question's own bounds, a number must lie within ±10^15 and have at most 20 decimals: no
     * count or amount a municipality reports comes near, and without a limit an answer such as 1e309 (read
     * as infinity) or a CSV cell of 1e999999999 could not be checked against a sum in reasonable time.
     */
    public static final BigDecimal LARGEST_NUMBER = BigDecimal.TEN.pow(15);
    public static final int MOST_DECIMALS = 20;
    /**
     * No number within the bounds needs a larger exponent than 10^15's; zero can be written with any, and
     * PostgreSQL's jsonb cannot hold 0e2000000000, so such an answer failed only when stored.
     */
    public static final int LARGEST_EXPONENT = 15;
    /** At most this many answers are looked at, far more than a survey's questions (about 40). */
    public static final int MAX_ANSWERS = 500;

    private AnswerValidator() {
    }

    /**
     * @param answers     the answers, question id to JSON value; {@code null} values count as unanswered
     * @param lastYear    the municipality's submitted answers for the year before, or {@code null}
     */
    public static ValidationReport validate(SurveyDefinition definition, ObjectNode answers, ObjectNode lastYear) {
        List<Issue> errors = new ArrayList<>();
        List<Issue> warnings = new ArrayList<>();
        Map<String, Question> questions = definition.questionsById();
        Map<String, BigDecimal> numbers = new HashMap<>();

        if (answers.size() > MAX_ANSWERS) {
            // Each unknown one would be an issue of its own: a body of thousands would build an answer of megabytes.
            errors.add(Issue.error("/answers", TOO_MANY_ANSWERS, "There are " + answers.size() + " answers; the " + definition.year()
                    + " survey has " + questions.size() + " questions."));
            return new ValidationReport(errors, warnings);
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = answers.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            if (!questions.containsKey(entry.getKey())) {
                errors.add(Issue.error(pointer(entry.getKey()), UNKNOWN_QUESTION,
                        "'" + Issue.quote(entry.getKey()) + "' is not a question of the " + definition.year() + " survey."));
            }
        }
        for (Question question : questions.values()) {
            JsonNode value = answers.get(question.id());
            if (value == null || value.isNull()) {
                if (question.required()) {
                    errors.add(Issue.error(pointer(question.id()), REQUIRED, "This question must be answered."));
                }
                continue;
            }
            Issue problem = checkValue(question, value);
            if (problem != null) {
                errors.add(problem);
            } else if (question.required() && question.type() == QuestionType.TEXT && value.asText().isBlank()) {
                // Spaces and line breaks alone (what is left once the text passed its checks) answer nothing.
                errors.add(Issue.error(pointer(question.id()), REQUIRED, "This question must be answered."));
            } else if (question.type().isNumeric()) {
                numbers.put(question.id(), value.decimalValue());
            }
        }
        for (Question question : questions.values()) {
            BigDecimal value = numbers.get(question.id());
            if (value == null) {
                continue;
            }
            checkSum(question, value, numbers, errors);
            checkChange(question, value, lastYear, warnings);
        }
        return new ValidationReport(errors, warnings);
    }

    private static Issue checkValue(Question q, JsonNode value) {
        String at = pointer(q.id());
        switch (q.type()) {
            case INTEGER, DECIMAL -> {
                if (!value.isNumber()) {
                    return Issue.error(at, WRONG_TYPE, "Must be a number.");
                }
                BigDecimal number = decimal(value);
                BigDecimal min = q.min() == null ? LARGEST_NUMBER.negate() : q.min().max(LARGEST_NUMBER.negate());
                BigDecimal max = q.max() == null ? LARGEST_NUMBER : q.max().min(LARGEST_NUMBER);
                if (number.compareTo(min) < 0) {
                    return Issue.error(at, BELOW_MINIMUM, "Must be at least " + min.toPlainString() + ".");
                }
                if (number.compareTo(max) > 0) {
                    return Issue.error(at, ABOVE_MAXIMUM, "Must be at most " + max.toPlainString() + ".");
                }
                if (q.type() == no.rusmonitor.survey.definition.QuestionType.INTEGER && number.stripTrailingZeros().scale() > 0) {
                    return Issue.error(at, NOT_WHOLE_NUMBER, "Must be a whole number.");
                }
                // Decimals as written, since the number is stored so: 0e-400000 is zero, but with 400,000 of them,
                // more than PostgreSQL's numeric holds.
                if (number.scale() > MOST_DECIMALS) {
                    return Issue.error(at, TOO_PRECISE, "Must have at most " + MOST_DECIMALS + " decimals.");
                }
                if (number.scale() < -LARGEST_EXPONENT) {
                    return Issue.error(at, EXPONENT_TOO_LARGE, "Must be written with an exponent of at most " + LARGEST_EXPONENT + ".");
                }
                return null;
            }
            case BOOLEAN -> {
                return value.isBoolean() ? null : Issue.error(at, WRONG_TYPE, "Must be true or false.");
            }
            case CHOICE -> {
                if (!value.isTextual()) {
                    return Issue.error(at, WRONG_TYPE, "Must be one of " + q.options() + ".");
                }
                return q.options().contains(value.textValue()) ? null
                        : Issue.error(at, NOT_AN_OPTION, "Must be one of " + q.options() + ".");
            }
            case TEXT -> {
                if (!value.isTextual()) {
                    return Issue.error(at, WRONG_TYPE, "Must be text.");
                }
                String text = value.textValue();
                if (!storable(text)) {
                    return Issue.error(at, INVALID_CHARACTERS,
                            "Must not contain control characters other than tab and line breaks, nor half of a surrogate pair.");
                }
                int length = text.codePointCount(0, text.length());
                return length <= q.maxLength() ? null : Issue.error(at, TOO_LONG, "Must be at most " + q.maxLength() + " characters.");
            }
            default -> throw new IllegalStateException("unhandled type " + q.type());
        }
    }

    /**
     * The answer's number. This service reads numbers exactly (StorableJson); a tree read as doubles elsewhere has
     * infinity for 1e309 and beyond, which comes out just beyond the limits.
     */
    private static BigDecimal decimal(JsonNode value) {
        if ((value.isDouble() || value.isFloat()) && !Double.isFinite(value.doubleValue())) {
            return value.doubleValue() > 0 ? LARGEST_NUMBER.add(BigDecimal.ONE) : LARGEST_NUMBER.negate().subtract(BigDecimal.ONE);
        }
        return value.decimalValue();
    }

    /**
     * Whether the text can be stored and shown as it was given: PostgreSQL's JSON refuses U+0000, other
     * control characters (C0, DEL and C1) would reach reports invisibly, and a lone surrogate is no character at all.
     */
    static boolean storable(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c >= 0x7f && c <= 0x9f) {
                return false;
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static void checkSum(Question q, BigDecimal value, Map<String, BigDecimal> numbers, List<Issue> errors) {
        if (q.maxSumOf().isEmpty()) {
            return;
        }
        BigDecimal limit = BigDecimal.ZERO;
        for (String other : q.maxSumOf()) {
            BigDecimal part = numbers.get(other);
            if (part == null) {
                return; // the missing or invalid answer has its own error
            }
            limit = limit.add(part);
        }
        if (value.compareTo(limit) > 0) {
            errors.add(Issue.error(pointer(q.id()), EXCEEDS_SUM, "Must not exceed " + String.join(" + ", q.maxSumOf())
                    + " (" + limit.toPlainString() + ")."));
        }
    }

    private static void checkChange(Question q, BigDecimal value, ObjectNode lastYear, List<Issue> warnings) {
        if (q.warnOnChangeAbove() == null || lastYear == null) {
            return;
        }
        JsonNode before = lastYear.get(q.id());
        if (before == null || !before.isNumber() || before.decimalValue().signum() == 0) {
            return; // no base to compare with: a change from nothing is not a percentage
        }
        BigDecimal previous = before.decimalValue();
        BigDecimal change = value.subtract(previous).abs().divide(previous.abs(), MathContext.DECIMAL64);
        if (change.compareTo(q.warnOnChangeAbove()) > 0) {
            String percent = change.movePointRight(2).setScale(0, java.math.RoundingMode.HALF_UP).toPlainString();
            warnings.add(Issue.warning(pointer(q.id()), LARGE_CHANGE, "Changed " + percent + " % from last year's "
                    + previous.toPlainString() + "; acknowledge if correct."));
        }
    }

    public static String pointer(String questionId) {
        return "/answers/" + Issue.token(questionId);
    }
}
