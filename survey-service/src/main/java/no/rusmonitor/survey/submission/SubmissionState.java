package no.rusmonitor.survey.submission;

import no.rusmonitor.survey.deadline.WindowState;
import no.rusmonitor.survey.validation.ValidationReport;

/**
 * A municipality's submission for a year as it stands: its draft (with what would still block
 * submitting it), its newest submitted version, and whether it may write now.
 */
public record SubmissionState(String municipalityCode, int surveyYear, Status status, int currentVersion,
        DraftView draft, ValidationReport draftReport, VersionView submitted, WindowState window, String etag) {

    public enum Status {
        not_started, draft, submitted
    }
}
