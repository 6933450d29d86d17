package no.rusmonitor.report.publish;

/** A municipality's submission a published report's values were computed from. */
public record SubmissionRef(String municipalityCode, int year, int submissionVersion) {
}
