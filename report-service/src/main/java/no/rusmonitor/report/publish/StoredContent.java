package no.rusmonitor.report.publish;

/** The frozen bytes of one format and language of a published version. */
public record StoredContent(String mediaType, byte[] body, String sha256) {
}
