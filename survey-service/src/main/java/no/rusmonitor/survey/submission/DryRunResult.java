package no.rusmonitor.survey.submission;

import java.util.List;

import no.rusmonitor.survey.deadline.WindowState;
import no.rusmonitor.platform.problem.Issue;

/**
 * What a submit with the same body would do now, without doing it.
 *
 * @param wouldBeAccepted no errors, every warning acknowledged, and the submission writable now
 */
public record DryRunResult(boolean wouldBeAccepted, List<Issue> errors, List<Issue> warnings,
        List<Issue> unacknowledgedWarnings, WindowState window) {
}
