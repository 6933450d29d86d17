package no.rusmonitor.indicator.compute;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Municipalities by population on 1 January of the year. */
public enum SizeClass {
    UNDER_5000("under_5000", 0, 5_000),
    FROM_5000("5000_19999", 5_000, 20_000),
    FROM_20000("20000_49999", 20_000, 50_000),
    FROM_50000("50000_and_over", 50_000, Long.MAX_VALUE);

    /** Every class, in order; {@code values()} copies its array at each call. */
    public static final List<SizeClass> ALL = List.of(values());

    private final String code;
    private final long from;
    private final long below;

    SizeClass(String code, long from, long below) {
        this.code = code;
        this.from = from;
        this.below = below;
    }

    @JsonValue
    public String code() {
        return code;
    }

    @JsonCreator
    public static SizeClass parse(String code) {
        for (SizeClass c : values()) {
            if (c.code.equals(code)) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown size class " + code);
    }

    /** The class of a population, or null when the population is unknown. */
    public static SizeClass of(Long population) {
        if (population == null) {
            return null;
        }
        for (SizeClass c : ALL) {
            if (population >= c.from && population < c.below) {
                return c;
            }
        }
        return null;
    }
}
