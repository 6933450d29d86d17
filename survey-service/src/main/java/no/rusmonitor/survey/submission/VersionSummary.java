package no.rusmonitor.survey.submission;

import java.time.Instant;
import java.util.List;

/** One entry of a submission's history: who, when, and which answers changed. */
public record VersionSummary(int version, int surveyVersion, Instant submittedAt, String submittedBy, String source,
        boolean late, List<AnswerChange> changes) {

    static VersionSummary of(SubmissionVersionEntity e) {
        return new VersionSummary(e.version, e.surveyVersion, e.submittedAt, e.submittedBy, e.source, e.late, e.changes);
    }
}
