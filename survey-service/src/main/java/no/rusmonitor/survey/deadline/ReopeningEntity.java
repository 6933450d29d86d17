package no.rusmonitor.survey.deadline;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "reopening")
public class ReopeningEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "survey_year", nullable = false)
    public int surveyYear;

    @Column(name = "municipality_code", nullable = false, length = 4)
    public String municipalityCode;

    public String reason;

    @Column(name = "reopened_at", nullable = false)
    public Instant reopenedAt;

    @Column(name = "reopened_by", nullable = false)
    public String reopenedBy;

    public Instant until;

    @Column(name = "closed_at")
    public Instant closedAt;

    @Column(name = "closed_by")
    public String closedBy;

    /** Whether it still lets the municipality write at {@code now}: not closed, and its time not run out. */
    public boolean inForceAt(Instant now) {
        return closedAt == null && notRunOut(until, now);
    }

    /**
     * Whether a reopening ending at {@code until} (null: without an end) has time left at {@code now}. The one place
     * the rule is written in Java; {@link ReopeningRepository#inForce} asks the database the same.
     */
    static boolean notRunOut(Instant until, Instant now) {
        return until == null || until.isAfter(now);
    }

    /**
     * Closes it: by {@code by} at {@code now} while it is in force; one whose time already ran out is recorded as it
     * ended, at its {@code until} and by no one, so that its record says how long the municipality could write.
     */
    public void close(Instant now, String by) {
        if (!notRunOut(until, now)) {
            closedAt = until;
            closedBy = null;
        } else {
            closedAt = now;
            closedBy = by;
        }
    }
}
