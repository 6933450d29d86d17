package no.rusmonitor.report.publish;

import java.time.Instant;
import java.util.Map;

/** A published version: number, when, by whom, and where to read it in each format. */
public record VersionSummary(String reportId, int version, Instant publishedAt, String publishedBy, int sourceValues,
        Map<String, String> links) {
}
