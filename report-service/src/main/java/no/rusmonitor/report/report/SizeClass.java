package no.rusmonitor.report.report;

/** The population size classes the indicator events break aggregates down by. */
public enum SizeClass {
    under_5000, _5000_19999, _20000_49999, _50000_and_over;

    /** The name on the topic: {@code under_5000}, {@code 5000_19999}, ... */
    public String id() {
        return name().startsWith("_") ? name().substring(1) : name();
    }

    public static SizeClass of(long population) {
        if (population < 5000) {
            return under_5000;
        }
        if (population < 20000) {
            return _5000_19999;
        }
        if (population < 50000) {
            return _20000_49999;
        }
        return _50000_and_over;
    }
}
