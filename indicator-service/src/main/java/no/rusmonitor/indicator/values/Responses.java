package no.rusmonitor.indicator.values;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

    static Response json(Object body) {
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }

    static Response csv(String body, String name) {
        return Response.ok(body, MediaType.valueOf(Format.CSV_TYPE + "; charset=UTF-8"))
                .header("Content-Disposition", "inline; filename=\"" + name + ".csv\"").build();
    }

}
