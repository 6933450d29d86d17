package no.rusmonitor.survey.definition;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;

/** One schedule a year's survey had, from when and set by whom: written by the database's triggers, only read here. */
@Entity
@Immutable
@Table(name = "survey_schedule_change")
public class ScheduleChangeEntity {

    @Id
    public Long id;

    @Column(name = "survey_year", nullable = false)
    public Integer surveyYear;

    @Column(name = "opens_at", nullable = false)
    public Instant opensAt;

    @Column(nullable = false)
    public Instant deadline;

    @Column(name = "changed_at", nullable = false)
    public Instant changedAt;

    @Column(name = "changed_by", nullable = false)
    public String changedBy;

    public ScheduleChange toChange() {
        return new ScheduleChange(opensAt, deadline, changedAt, changedBy);
    }
}
