package no.rusmonitor.indicator.compute;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Which borders a value is on: the areas as they were in the value's year ({@code as_reported}), or
 * today's (2024) areas, made of their predecessors through the official change list ({@code 2024}).
 */
public enum Borders {
    AS_REPORTED("as_reported"), TODAY("2024");

    private final String code;

    Borders(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static Borders parse(String code) {
        for (Borders borders : values()) {
            if (borders.code.equals(code)) {
                return borders;
            }
        }
        throw new IllegalArgumentException("unknown borders " + code);
    }

    @Override
    public String toString() {
        return code;
    }
}
