package no.rusmonitor.report.catalogue;

/**
 * How one indicator is shown: its names, unit, the number of decimals every format rounds to, and which
 * way is better. Values themselves come only from the indicator topic.
 */
public record IndicatorInfo(String id, String goal, String nameNb, String nameEn, String unit, int decimals, Polarity polarity,
        int order) {

    public String name(String lang) {
        return "en".equals(lang) ? nameEn : nameNb;
    }
}
