package no.rusmonitor.survey.definition;

/** A year's survey in the list of surveys: its newest version and its schedule. */
public record SurveySummary(int year, int latestVersion, LocalizedText title, Schedule schedule) {
}
