package no.rusmonitor.survey.submission;

import java.util.List;

import no.rusmonitor.survey.deadline.WindowState;
import no.rusmonitor.platform.problem.Issue;

/**
 * What a submit with the same body would do now, without doing it. A correction's If-Match is not part of
 * it: the dry run takes none, so it cannot say whether the one a submit sends would still match.
 *
 * @param wouldBeAccepted no errors, every warning acknowledged, answers that differ from the newest version,
 *                        and the submission writable now
 * @param unchanged       the answers are the newest version's: a submit would be refused as no change
 */
public record DryRunResult(boolean wouldBeAccepted, List<Issue> errors, List<Issue> warnings,
        List<Issue> unacknowledgedWarnings, boolean unchanged, WindowState window) {
}
