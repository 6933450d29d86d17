package no.rusmonitor.survey.definition;

/** What a municipality answers for a year now: the newest definition and the schedule. */
public record CurrentSurvey(SurveyDefinition definition, Schedule schedule) {
}
