package no.rusmonitor.report.render;

import org.jfree.chart.JFreeChart;

/** One of a report's charts, drawn but not yet written: the same drawing goes into the HTML as SVG and into the PDF as vectors. */
public record Chart(JFreeChart drawing, int width, int height) {
}
