package no.rusmonitor.report.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One county's value of an indicator, with how many of its municipalities reported and their spread. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CountyRow(String code, String name, Cell value, Integer reporting, Integer expected, SpreadStats spread) {
}
