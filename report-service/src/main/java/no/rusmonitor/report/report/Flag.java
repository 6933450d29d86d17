package no.rusmonitor.report.report;

/**
 * Why a figure is shown the way it is. Symbols follow Statistics Norway: {@code :} for a value withheld
 * to protect small numbers, {@code ..} for a value that does not exist.
 */
public enum Flag {
    none(""),
    /** Built on fewer than 5 persons. */
    primary(":"),
    /** Withheld so that a primary-suppressed value cannot be worked out from the others. */
    secondary(":"),
    /** No value: not reported, zero denominator, split before today's borders, no population. */
    missing("..");

    private final String symbol;

    Flag(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    public boolean suppressed() {
        return this == primary || this == secondary;
    }

    public static Flag ofSuppression(String suppressed) {
        return switch (suppressed == null ? "none" : suppressed) {
            case "primary" -> primary;
            case "secondary" -> secondary;
            default -> none;
        };
    }
}
