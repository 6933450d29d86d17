package no.rusmonitor.report.report;

import java.util.List;

/** The indicators of one goal in a municipality profile. */
public record ProfileGoal(String goal, String title, List<ProfileIndicator> indicators) {
}
