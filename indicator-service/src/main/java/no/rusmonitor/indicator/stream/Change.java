package no.rusmonitor.indicator.stream;

import java.io.UncheckedIOException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.values.ValueView;

/**
 * One entry of the change log, as the stream sends it: its sequence number (the SSE event id) and the
 * changed value as JSON, raw for analysts and as the public sees it.
 */
public record Change(long seq, String indicatorId, String goal, Level level, String areaCode, Borders borders, int year, String analystJson,
        String publicJson) {

    /** The change numbered {@code seq} to {@code value}, in both views. */
    public static Change of(long seq, ValueView value, ObjectMapper mapper) {
        try {
            return of(seq, value, mapper.writeValueAsString(value), mapper);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same change with the number the change log gave it (built before it had one). */
    public Change numbered(long number) {
        return new Change(number, indicatorId, goal, level, areaCode, borders, year, analystJson, publicJson);
    }

    /**
     * The same, with the analysts' view already written as {@code analystJson}. Most values hide nothing
     * (a municipality's value that is not suppressed has no spread and no size classes), so their public
     * view is the same record and shares the text instead of being written again.
     */
    public static Change of(long seq, ValueView value, String analystJson, ObjectMapper mapper) {
        ValueView publicView = value.publicView();
        try {
            String publicJson = publicView.equals(value) ? analystJson : mapper.writeValueAsString(publicView);
            return new Change(seq, value.indicatorId(), value.goal(), value.level(), value.areaCode(), value.borders(), value.year(),
                    analystJson, publicJson);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
