package no.rusmonitor.report.publish;

import java.util.List;

/** The numbers that differ between two published versions. */
public record DiffView(String reportId, int from, int to, String lang, int changed, List<FigureChange> changes) {
}
