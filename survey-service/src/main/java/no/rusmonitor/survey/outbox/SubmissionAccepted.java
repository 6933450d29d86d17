package no.rusmonitor.survey.outbox;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The data of a {@code no.rusmonitor.submission.accepted.v1} event: one accepted submission version,
 * with the full answers, so that consumers never have to call back.
 *
 * @param municipalityCode  the code as valid in {@code surveyYear} (never rewritten after mergers)
 * @param changedQuestions  questions whose answers differ from the previous version (all, for version 1)
 */
public record SubmissionAccepted(
        String municipalityCode,
        int surveyYear,
        int surveyVersion,
        int submissionVersion,
        Instant submittedAt,
        String submittedBy,
        String source,
        boolean late,
        ObjectNode answers,
        List<String> changedQuestions) {

    public static final String TYPE = "no.rusmonitor.submission.accepted.v1";
    public static final String SCHEMA = "https://rusmonitor.no/schemas/events/submission-accepted-v1.json";
}
