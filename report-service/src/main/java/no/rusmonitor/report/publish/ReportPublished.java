package no.rusmonitor.report.publish;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The data of a {@code no.rusmonitor.report.published.v1} event (docs/events/report-published-v1.schema.json):
 * a new frozen version of a report, where to read it, and the digests of its bytes.
 *
 * @param links          path of each format, relative to report-service ({@code ?lang=en} for English)
 * @param contentSha256  SHA-256 of the bytes, per {@code format/lang}
 * @param changedFigures how many figures differ from the previous version; null for version 1
 */
public record ReportPublished(String reportId, String kind, int year, String municipalityCode, int version, Instant publishedAt,
        String publishedBy, String title, List<String> languages, Map<String, String> links, Map<String, String> contentSha256,
        Instant dataAsOf, int sourceValues, int submissionVersions, Integer changedFigures) {

    public static final String TYPE = "no.rusmonitor.report.published.v1";
    public static final String SCHEMA = "https://rusmonitor.no/schemas/events/report-published-v1.json";
    public static final String SOURCE = "urn:rusmonitor:report-service";
}
