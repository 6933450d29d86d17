package no.rusmonitor.indicator.values;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;

/** What the value endpoints share: the reader's view and the answer in each format. */
final class Responses {

    private Responses() {
    }

    static boolean analystView(Viewer viewer, String view) {
        if (view != null && !view.isBlank() && !view.equals("public") && !view.equals("analyst")) {
            throw ApiException.badRequest("invalid-request", "Unknown view.",
                    List.of(Issue.error("/view", "invalid", "view must be public or analyst.")));
        }
        return viewer.isAnalyst() && !"public".equals(view);
    }

    static Map<String, Object> extension(String level, String borders, boolean analyst) {
        Map<String, Object> extension = new LinkedHashMap<>();
        extension.put("level", level);
        extension.put("borders", borders);
        extension.put("view", analyst ? "analyst" : "public");
        return extension;
    }

    static Response json(Object body, boolean analyst) {
        return forView(Response.ok(body, MediaType.APPLICATION_JSON_TYPE), analyst).build();
    }

    static Response csv(String body, String name, boolean analyst) {
        return forView(Response.ok(body, MediaType.valueOf(Format.CSV_TYPE + "; charset=UTF-8")), analyst)
                .header("Content-Disposition", "inline; filename=\"" + name + ".csv\"").build();
    }

    /**
     * One address answers the public view without a token and the raw one with an analyst's, so no cache may hand
     * one reader's answer to another: the raw view is never stored, and every answer varies with the token.
     */
    private static Response.ResponseBuilder forView(Response.ResponseBuilder response, boolean analyst) {
        response.header(HttpHeaders.VARY, "Accept, Authorization");
        return analyst ? response.header(HttpHeaders.CACHE_CONTROL, "private, no-store") : response;
    }

}
