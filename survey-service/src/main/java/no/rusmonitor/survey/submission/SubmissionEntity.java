package no.rusmonitor.survey.submission;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.ColumnTransformer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** A municipality's submission for one year: its draft and its newest submitted version number. */
@Entity
@Table(name = "submission")
public class SubmissionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "survey_year", nullable = false)
    public int surveyYear;

    @Column(name = "municipality_code", nullable = false, length = 4)
    public String municipalityCode;

    @Convert(converter = JsonbListConverters.Answers.class)
    @ColumnTransformer(read = "cast(draft as text)", write = "cast(cast(? as text) as jsonb)")
    public ObjectNode draft;

    @Column(name = "draft_saved_at")
    public Instant draftSavedAt;

    @Column(name = "draft_saved_by")
    public String draftSavedBy;

    @Column(name = "current_version", nullable = false)
    public int currentVersion;

    @Column(name = "first_submitted_at")
    public Instant firstSubmittedAt;

    @Column(name = "first_submitted_late")
    public Boolean firstSubmittedLate;

    @Column(name = "last_submitted_at")
    public Instant lastSubmittedAt;

    @Version
    @Column(name = "row_version", nullable = false)
    public long rowVersion;

    /** The entity tag clients send back in If-Match; it changes with every write. */
    public String etag() {
        return "\"" + currentVersion + "." + rowVersion + "\"";
    }

    public static SubmissionEntity start(int year, String municipalityCode) {
        SubmissionEntity entity = new SubmissionEntity();
        entity.surveyYear = year;
        entity.municipalityCode = municipalityCode;
        return entity;
    }
}
