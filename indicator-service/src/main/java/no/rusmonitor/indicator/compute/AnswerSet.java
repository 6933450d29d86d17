package no.rusmonitor.indicator.compute;

import java.time.Instant;
import java.util.Map;

/**
 * The newest accepted answers of one municipality for one year. Values are {@link java.math.BigDecimal}
 * for numbers, {@link Boolean} for yes/no and {@link String} for choices and text.
 */
public record AnswerSet(String municipalityCode, int year, int submissionVersion, int surveyVersion, Map<String, Object> answers,
        Instant submittedAt, String eventId) {

    public Object answer(String question) {
        return answers.get(question);
    }
}
