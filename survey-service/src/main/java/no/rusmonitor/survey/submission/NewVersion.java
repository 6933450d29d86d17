package no.rusmonitor.survey.submission;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import no.rusmonitor.survey.outbox.SubmissionAccepted;

/**
 * A submitted version about to be stored: the answers (without unanswered nulls) and what changed
 * from the version before. Made by {@link #after}, which is where "nothing changed" is found out.
 */
public record NewVersion(int year, String municipalityCode, int version, int surveyVersion, ObjectNode answers,
        List<AnswerChange> changes, List<String> acknowledgedWarnings, Instant submittedAt, String submittedBy, String source,
        boolean late) {

    public static final String SOURCE_API = "api";
    public static final String SOURCE_IMPORT = "import";

    /**
     * Whether {@code answers} are the current version's: then there is no new version to make. A submit, an
     * import and their dry runs all judge it so.
     */
    public static boolean sameAsCurrent(ObjectNode currentAnswers, ObjectNode answers) {
        return currentAnswers != null && AnswerDiff.between(currentAnswers, AnswerDiff.withoutNulls(answers)).isEmpty();
    }

    /**
     * The version after {@code currentVersion} with {@code answers}, or null when the answers are the
     * same as the current version's ({@code currentAnswers}).
     */
    public static NewVersion after(int year, String code, int currentVersion, ObjectNode currentAnswers, ObjectNode answers,
            int surveyVersion, List<String> acknowledgedWarnings, Instant at, String by, String source, boolean late) {
        ObjectNode stored = AnswerDiff.withoutNulls(answers);
        List<AnswerChange> changes = AnswerDiff.between(currentAnswers, stored);
        if (currentAnswers != null && changes.isEmpty()) {
            return null;
        }
        return new NewVersion(year, code, currentVersion + 1, surveyVersion, stored, changes, List.copyOf(acknowledgedWarnings), at,
                by, source, late);
    }

    /** A version as it was stored, to tell other services about it again. */
    public static NewVersion stored(SubmissionVersionEntity v) {
        return new NewVersion(v.surveyYear, v.municipalityCode, v.version, v.surveyVersion, v.answers, v.changes, v.acknowledgedWarnings,
                v.submittedAt, v.submittedBy, v.source, v.late);
    }

    /** The data of the event that tells other services about this version. */
    public SubmissionAccepted event() {
        return new SubmissionAccepted(municipalityCode, year, surveyVersion, version, submittedAt, submittedBy, source, late, answers,
                changes.stream().map(AnswerChange::question).toList());
    }
}
