package no.rusmonitor.indicator.stream;

import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Level;

/**
 * One entry of the change log, as the stream sends it: its sequence number (the SSE event id) and the
 * changed value as JSON, raw for analysts and as the public sees it.
 */
public record Change(long seq, String indicatorId, String goal, Level level, String areaCode, Borders borders, int year, String analystJson,
        String publicJson) {
}
