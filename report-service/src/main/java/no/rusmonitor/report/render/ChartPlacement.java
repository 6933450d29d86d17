package no.rusmonitor.report.render;

/** How a chart appears in a report's markup: inline SVG for the HTML page, a placeholder the PDF renderer draws into. */
@FunctionalInterface
interface ChartPlacement {

    /** {@code id} is unique in the page. */
    String place(String id, Chart chart);
}
