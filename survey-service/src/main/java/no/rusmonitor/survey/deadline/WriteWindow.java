package no.rusmonitor.survey.deadline;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Problem;
import no.rusmonitor.survey.definition.Schedule;

/**
 * Deadlines and locking: a submission is writable while the survey is open, or when reopened. Only
 * after the deadline does it need to look for a reopening (one small query, on any connection).
 */
@ApplicationScoped
public class WriteWindow {

    private static final String OPEN_REOPENING = "select until from reopening where survey_year = $1 and municipality_code = $2 and closed_at is null";

    private final Pool pool;
    private final Clock clock;

    @Inject
    public WriteWindow(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /** The window as it is now. */
    public Uni<WindowState> now(int year, String municipalityCode, Schedule schedule) {
        Instant now = clock.instant();
        if (!schedule.isOpenAt(now)) {
            return Uni.createFrom().item(new WindowState(WindowState.State.not_open, schedule.opensAt(), schedule.deadline(), null, false));
        }
        if (!schedule.isPastDeadline(now)) {
            return Uni.createFrom().item(new WindowState(WindowState.State.open, schedule.opensAt(), schedule.deadline(), null, false));
        }
        return pool.preparedQuery(OPEN_REOPENING).execute(Tuple.of(year, municipalityCode)).map(rows -> {
            Row row = rows.iterator().hasNext() ? rows.iterator().next() : null;
            if (row == null) {
                return new WindowState(WindowState.State.locked, schedule.opensAt(), schedule.deadline(), null, true);
            }
            OffsetDateTime until = row.getOffsetDateTime("until");
            boolean active = until == null || until.toInstant().isAfter(now);
            return active
                    ? new WindowState(WindowState.State.reopened, schedule.opensAt(), schedule.deadline(), until == null ? null : until.toInstant(), true)
                    : new WindowState(WindowState.State.locked, schedule.opensAt(), schedule.deadline(), null, true);
        });
    }

    /** The window now, or a refusal if the municipality may not write. */
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
