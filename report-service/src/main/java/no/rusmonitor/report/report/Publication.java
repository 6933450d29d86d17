package no.rusmonitor.report.report;

import java.time.Instant;

/** A published version: its number, when, by whom. */
public record Publication(int version, Instant publishedAt, String publishedBy) {
}
