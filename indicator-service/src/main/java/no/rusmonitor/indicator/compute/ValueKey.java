package no.rusmonitor.indicator.compute;

import java.util.Objects;

/**
 * Identifies one value: indicator, level, area, borders and year.
 * <p>
 * A class rather than a record so that its hash is computed once: the engine looks up every value of a
 * recomputed year by key, and hashing five fields on each look-up was a large share of a submission's cost.
 */
public final class ValueKey {

    private final String indicatorId;
    private final Level level;
    private final String areaCode;
    private final Borders borders;
    private final int year;
    private final int hash;

    public ValueKey(String indicatorId, Level level, String areaCode, Borders borders, int year) {
        this.indicatorId = Objects.requireNonNull(indicatorId);
        this.level = Objects.requireNonNull(level);
        this.areaCode = Objects.requireNonNull(areaCode);
        this.borders = Objects.requireNonNull(borders);
        this.year = year;
        // Objects.hash's value, without the array and the boxed year it allocates: a year's computation makes
        // a key for each of its hundreds of values, at every submission.
        int h = 31 + indicatorId.hashCode();
        h = 31 * h + level.name().hashCode();
        h = 31 * h + areaCode.hashCode();
        h = 31 * h + borders.code().hashCode();
        this.hash = 31 * h + year;
    }

    public String indicatorId() {
        return indicatorId;
    }

    public Level level() {
        return level;
    }

    public String areaCode() {
        return areaCode;
    }

    public Borders borders() {
        return borders;
    }

    public int year() {
        return year;
    }

    /** The Kafka record key of its changes: {@code <indicatorId>|<level>|<areaCode>|<borders>}. */
    public String eventKey() {
        return indicatorId + "|" + level + "|" + areaCode + "|" + borders.code();
    }

    /** The CloudEvent subject: {@code <indicatorId>/<level>/<areaCode>/<borders>/<year>}. */
    public String subject() {
        return indicatorId + "/" + level + "/" + areaCode + "/" + borders.code() + "/" + year;
    }

    @Override
    public boolean equals(Object other) {
        return this == other || other instanceof ValueKey key && hash == key.hash && year == key.year && level == key.level
                && borders.equals(key.borders) && areaCode.equals(key.areaCode) && indicatorId.equals(key.indicatorId);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return subject();
    }
}
