package no.rusmonitor.survey.deadline;

import java.time.Instant;

/**
 * Whether a municipality may write to its submission for a year right now.
 *
 * @param late whether a submission now would be after the deadline
 */
public record WindowState(State state, Instant opensAt, Instant deadline, Instant reopenedUntil, boolean late) {

    public enum State {
        /** The survey has not opened yet. */
        not_open,
        /** Before the deadline. */
        open,
        /** After the deadline, reopened by an operator for this municipality. */
        reopened,
        /** After the deadline: locked. */
        locked
    }

    public boolean writable() {
        return state == State.open || state == State.reopened;
    }
}
