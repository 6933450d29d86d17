package no.rusmonitor.survey.deadline;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.survey.definition.Schedule;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Problem;

/** Deadlines and locking: a submission is writable while the survey is open, or when reopened. */
@ApplicationScoped
public class WriteWindow {

    private final ReopeningRepository reopenings;
    private final Clock clock;

    @Inject
    public WriteWindow(ReopeningRepository reopenings, Clock clock) {
        this.reopenings = reopenings;
        this.clock = clock;
    }

    /** The window as it is now. Needs a session. */
    public Uni<WindowState> now(int year, String municipalityCode, Schedule schedule) {
        Instant now = clock.instant();
        if (!schedule.isOpenAt(now)) {
            return Uni.createFrom().item(new WindowState(WindowState.State.not_open, schedule.opensAt(), schedule.deadline(), null, false));
        }
        if (!schedule.isPastDeadline(now)) {
            return Uni.createFrom().item(new WindowState(WindowState.State.open, schedule.opensAt(), schedule.deadline(), null, false));
        }
        return reopenings.open(year, municipalityCode).map(reopening -> reopening != null && reopening.isActiveAt(now)
                ? new WindowState(WindowState.State.reopened, schedule.opensAt(), schedule.deadline(), reopening.until, true)
                : new WindowState(WindowState.State.locked, schedule.opensAt(), schedule.deadline(), null, true));
    }

    /** The window now, or a refusal if the municipality may not write. Needs a session. */
    public Uni<WindowState> requireWritable(int year, String municipalityCode, Schedule schedule) {
        return now(year, municipalityCode, schedule).map(window -> {
            if (window.state() == WindowState.State.not_open) {
                throw new ApiException(Problem.of(409, "survey-not-open", "Survey not open",
                        "The " + year + " survey opens at " + window.opensAt() + "."));
            }
            if (window.state() == WindowState.State.locked) {
                throw new ApiException(Problem.of(423, "submission-locked", "Submission locked",
                        "The deadline of the " + year + " survey was " + window.deadline()
                                + "; an operator must reopen it for municipality " + municipalityCode + "."));
            }
            return window;
        });
    }
}
