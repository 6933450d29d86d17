package no.rusmonitor.report.catalogue;

import java.time.Instant;

/**
 * One published version of an indicator's definition, as indicator-service announced it on
 * {@code rusmonitor.indicator-definitions.v1}: what reports show of it. A version never changes once published.
 */
public record IndicatorDefinition(String indicatorId, int version, String nameNb, String nameEn, String unit, int decimals, String goal,
        Instant publishedAt) {
}
