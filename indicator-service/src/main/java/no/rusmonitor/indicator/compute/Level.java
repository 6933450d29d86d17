package no.rusmonitor.indicator.compute;

/** Where a value belongs: one municipality, a county (sum of its municipalities) or the whole country. */
public enum Level {
    municipality, county, country;

    public static Level parse(String text) {
        for (Level level : values()) {
            if (level.name().equals(text)) {
                return level;
            }
        }
        throw new IllegalArgumentException("unknown level " + text);
    }
}
