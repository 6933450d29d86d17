package no.rusmonitor.indicator.values;

import java.util.List;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;

/** The answer formats of the value endpoints: JSON, CSV (Statistics Norway's symbols) and JSON-stat 2.0. */
public enum Format {
    json, csv, json_stat2;

    public static final String CSV_TYPE = "text/csv";
    public static final String JSON_STAT_TYPE = "application/json";

    /** The {@code format} parameter wins; otherwise {@code Accept: text/csv} asks for CSV; otherwise JSON. */
    static Format of(String parameter, HttpHeaders headers) {
        if (parameter != null && !parameter.isBlank()) {
            return switch (parameter.trim().toLowerCase()) {
                case "json" -> json;
                case "csv" -> csv;
                case "json-stat2", "jsonstat", "json-stat" -> json_stat2;
                default -> throw ApiException.badRequest("invalid-request", "Unknown format.",
                        List.of(Issue.error("/format", "invalid", "format must be json, csv or json-stat2.")));
            };
        }
        for (MediaType type : headers.getAcceptableMediaTypes()) {
            if (type.isCompatible(MediaType.valueOf(CSV_TYPE)) && !type.isWildcardType()) {
                return csv;
            }
            if (type.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return json;
            }
        }
        return json;
    }
}
