package no.rusmonitor.report.report;

import java.util.List;

/** The indicators of one goal of the plan (or of the overall effort, or of reporting). */
public record NationalGoal(String goal, String title, List<NationalIndicator> indicators) {
}
