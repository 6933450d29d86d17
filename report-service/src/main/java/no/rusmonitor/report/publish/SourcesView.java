package no.rusmonitor.report.publish;

import java.util.List;

/**
 * What a published version was built from: the indicator values (with their revisions) and the
 * municipalities' submission versions behind them. {@code values} holds {@link SourceView}s, or the raw
 * values for an analyst who asked for them unsuppressed.
 */
public record SourcesView(String reportId, int version, boolean unsuppressed, List<SubmissionRef> submissions, List<?> values) {
}
