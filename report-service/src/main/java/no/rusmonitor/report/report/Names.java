package no.rusmonitor.report.report;

/** Names that differ by language only. */
public final class Names {

    private Names() {
    }

    public static String country(String lang) {
        return "en".equals(lang) ? "Norway" : "Norge";
    }
}
