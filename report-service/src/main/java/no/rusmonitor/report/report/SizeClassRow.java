package no.rusmonitor.report.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The indicator over the reporting municipalities of one size class. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SizeClassRow(String sizeClass, String label, Cell value, Integer municipalities) {
}
