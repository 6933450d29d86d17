package no.rusmonitor.survey.importing;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import no.rusmonitor.platform.problem.Issue;

/** What became of one row. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record RowResult(int row, String municipalityCode, Integer surveyYear, Status status, Integer submissionVersion,
        List<Issue> errors, List<Issue> warnings, String reason) {

    public enum Status {
        /** Stored as a new submitted version. */
        imported,
        /** Would be stored (dry run). */
        valid,
        /** Same answers as the current version: nothing to store. */
        unchanged,
        /** This row has errors. */
        rejected,
        /** This row is fine, but another row of the same municipality was rejected (all or nothing). */
        rejected_with_municipality
    }
}
