package no.rusmonitor.survey.definition;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "survey_schedule")
public class SurveyScheduleEntity {

    @Id
    @Column(name = "survey_year")
    public Integer surveyYear;

    @Column(name = "opens_at", nullable = false)
    public Instant opensAt;

    @Column(nullable = false)
    public Instant deadline;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;

    public Schedule toSchedule() {
        return new Schedule(opensAt, deadline);
    }
}
