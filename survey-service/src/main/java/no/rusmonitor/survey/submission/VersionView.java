package no.rusmonitor.survey.submission;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import no.rusmonitor.platform.problem.Issue;

/** One submitted version, with its answers and what changed from the version before. */
public record VersionView(String municipalityCode, int surveyYear, int version, int surveyVersion, Instant submittedAt,
        String submittedBy, String source, boolean late, ObjectNode answers, List<AnswerChange> changes,
        List<String> acknowledgedWarnings, List<Issue> warnings) {

    static VersionView of(NewVersion v, List<Issue> warnings) {
        return new VersionView(v.municipalityCode(), v.year(), v.version(), v.surveyVersion(), v.submittedAt(), v.submittedBy(),
                v.source(), v.late(), v.answers(), v.changes(), v.acknowledgedWarnings(), warnings);
    }

    static VersionView of(SubmissionVersionEntity e, List<Issue> warnings) {
        return new VersionView(e.municipalityCode, e.surveyYear, e.version, e.surveyVersion, e.submittedAt, e.submittedBy,
                e.source, e.late, e.answers, e.changes, e.acknowledgedWarnings, warnings);
    }
}
