package no.rusmonitor.report.render;

import io.quarkus.qute.TemplateData;

/** The lines at the top of a report: draft or published, the unsuppressed warning, how fresh the numbers are. */
@TemplateData
public record Header(String status, String warning, String asOf, String lang) {
}
