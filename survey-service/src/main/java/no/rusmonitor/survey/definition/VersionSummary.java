package no.rusmonitor.survey.definition;

import java.time.Instant;

/** One published version of a year's survey, without its questions. */
public record VersionSummary(int year, int version, Instant publishedAt, String publishedBy, int questionCount) {

    static VersionSummary of(SurveyDefinitionEntity e) {
        return new VersionSummary(e.surveyYear, e.version, e.publishedAt, e.publishedBy, e.content.questions().size());
    }
}
