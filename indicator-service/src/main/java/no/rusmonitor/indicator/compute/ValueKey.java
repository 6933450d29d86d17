package no.rusmonitor.indicator.compute;

/** Identifies one value: indicator, level, area, borders and year. */
public record ValueKey(String indicatorId, Level level, String areaCode, Borders borders, int year) {

    /** The Kafka record key of its changes: {@code <indicatorId>|<level>|<areaCode>|<borders>}. */
    public String eventKey() {
        return indicatorId + "|" + level + "|" + areaCode + "|" + borders.code();
    }

    /** The CloudEvent subject: {@code <indicatorId>/<level>/<areaCode>/<borders>/<year>}. */
    public String subject() {
        return indicatorId + "/" + level + "/" + areaCode + "/" + borders.code() + "/" + year;
    }
}
