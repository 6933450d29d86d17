package no.rusmonitor.survey.completeness;

import java.time.Instant;

/** One expected municipality and where its submission stands. */
public record CompletenessEntry(String municipalityCode, String name, String countyCode, String countyName, Status status,
        int currentVersion, Instant firstSubmittedAt, Instant lastSubmittedAt, Instant draftSavedAt) {

    public enum Status {
        /** Submitted before the deadline. */
        submitted,
        /** First submitted after the deadline (after an operator reopened it). */
        late,
        /** Started a draft, never submitted. */
        draft_only,
        /** Nothing at all. */
        missing
    }
}
