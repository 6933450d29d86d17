package no.rusmonitor.survey.completeness;

import java.time.Instant;
import java.util.List;

/**
 * Who was expected to report for a year, and who has.
 *
 * @param responseRate submitted (on time or late) / expected, in percent
 */
public record CompletenessReport(int surveyYear, Instant deadline, int expected, int submitted, int late, int draftOnly,
        int missing, double responseRate, List<CompletenessEntry> municipalities) {
}
