package no.rusmonitor.survey.deadline;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Problem;
import no.rusmonitor.survey.definition.Schedule;

/**
 * Deadlines and locking: a submission is writable while the survey is open, or when reopened. Only
 * after the deadline does it need to look for a reopening: one small query, on a connection of the pool
 * for a caller outside a Hibernate session (the submit path), or through the session for a caller in
 * one. A session holds its connection until it ends, so a caller in one that waited for a second
 * connection from the same pool could wait for ever once every connection was held that way.
 */
@ApplicationScoped
public class WriteWindow {

    private static final String OPEN_REOPENING = "select until from reopening where survey_year = $1 and municipality_code = $2 and closed_at is null";

    /** A reopening not yet closed; {@code until} null for one without an end. */
    private record Reopened(Instant until) {
    }

    private final Pool pool;
    private final ReopeningRepository reopenings;
    private final Clock clock;

    @Inject
    public WriteWindow(Pool pool, ReopeningRepository reopenings, Clock clock) {
        this.pool = pool;
        this.reopenings = reopenings;
        this.clock = clock;
    }

    /** The window as it is now, for a caller outside a Hibernate session. */
    private Uni<WindowState> now(int year, String municipalityCode, Schedule schedule) {
        return at(schedule, () -> pool.preparedQuery(OPEN_REOPENING).execute(Tuple.of(year, municipalityCode)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                return null;
            }
            OffsetDateTime until = rows.iterator().next().getOffsetDateTime("until");
            return new Reopened(until == null ? null : until.toInstant());
        }));
    }

    /** The window as it is now, for a caller in a Hibernate session: read through that session. */
    public Uni<WindowState> nowInSession(int year, String municipalityCode, Schedule schedule) {
        return at(schedule, () -> reopenings.open(year, municipalityCode).map(r -> r == null ? null : new Reopened(r.until)));
    }

    /** The window now, or a refusal if the municipality may not write; for a caller outside a session. */
    public Uni<WindowState> requireWritable(int year, String municipalityCode, Schedule schedule) {
        return now(year, municipalityCode, schedule).map(window -> writable(year, municipalityCode, window));
    }

    /** The same, for a caller in a Hibernate session. */
    public Uni<WindowState> requireWritableInSession(int year, String municipalityCode, Schedule schedule) {
        return nowInSession(year, municipalityCode, schedule).map(window -> writable(year, municipalityCode, window));
    }

    private Uni<WindowState> at(Schedule schedule, Supplier<Uni<Reopened>> openReopening) {
        Instant now = clock.instant();
        if (!schedule.isOpenAt(now)) {
            return Uni.createFrom().item(new WindowState(WindowState.State.not_open, schedule.opensAt(), schedule.deadline(), null, false));
        }
        if (!schedule.isPastDeadline(now)) {
            return Uni.createFrom().item(new WindowState(WindowState.State.open, schedule.opensAt(), schedule.deadline(), null, false));
        }
        return openReopening.get().map(reopened -> {
            boolean active = reopened != null && ReopeningEntity.notRunOut(reopened.until(), now);
            return active
                    ? new WindowState(WindowState.State.reopened, schedule.opensAt(), schedule.deadline(), reopened.until(), true)
                    : new WindowState(WindowState.State.locked, schedule.opensAt(), schedule.deadline(), null, true);
        });
    }

    private static WindowState writable(int year, String municipalityCode, WindowState window) {
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
    }
}
