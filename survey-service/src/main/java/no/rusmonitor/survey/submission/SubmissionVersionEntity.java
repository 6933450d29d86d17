package no.rusmonitor.survey.submission;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.ColumnTransformer;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One submitted version, kept forever: the audit trail of a municipality's answers. */
@Entity
@Table(name = "submission_version")
public class SubmissionVersionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "submission_id", nullable = false)
    public Long submissionId;

    @Column(name = "survey_year", nullable = false)
    public int surveyYear;

    @Column(name = "municipality_code", nullable = false, length = 4)
    public String municipalityCode;

    @Column(nullable = false)
    public int version;

    @Column(name = "survey_version", nullable = false)
    public int surveyVersion;

    @Convert(converter = JsonbListConverters.Answers.class)
    @ColumnTransformer(read = "cast(answers as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false)
    public ObjectNode answers;

    @Convert(converter = JsonbListConverters.Changes.class)
    @ColumnTransformer(read = "cast(changes as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(nullable = false)
    public List<AnswerChange> changes;

    @Convert(converter = JsonbListConverters.Strings.class)
    @ColumnTransformer(read = "cast(acknowledged_warnings as text)", write = "cast(cast(? as text) as jsonb)")
    @Column(name = "acknowledged_warnings", nullable = false)
    public List<String> acknowledgedWarnings;

    @Column(name = "submitted_at", nullable = false)
    public Instant submittedAt;

    @Column(name = "submitted_by", nullable = false)
    public String submittedBy;

    /** {@code api} for a municipality's own submission, {@code import} for an operator's bulk import. */
    @Column(nullable = false)
    public String source;

    @Column(nullable = false)
    public boolean late;
}
