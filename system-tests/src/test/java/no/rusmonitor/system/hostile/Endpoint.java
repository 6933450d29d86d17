package no.rusmonitor.system.hostile;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import no.rusmonitor.system.RunningSystem.Service;

/**
 * One operation from a service's OpenAPI document: method, path template ({@code /api/surveys/{year}}), its
 * parameters, the media types its body may have, the body's JSON schema (references resolved; null when it
 * takes no body), and whether only some callers may use it (it names a security requirement).
 */
public record Endpoint(Service service, String method, String path, List<Parameter> parameters, List<String> bodyTypes,
        JsonNode bodySchema, boolean secured) {

    /** A path, query or header parameter. */
    public record Parameter(String name, String in, String type) {
    }

    public boolean writes() {
        return !method.equals("GET");
    }

    public boolean takesBody() {
        return !bodyTypes.isEmpty();
    }

    public boolean takesJson() {
        return bodyTypes.stream().anyMatch(t -> t.contains("json"));
    }

    public List<Parameter> in(String where) {
        return parameters.stream().filter(p -> p.in().equals(where)).toList();
    }

    /** "survey-service POST /api/surveys/{year}/versions" */
    public String name() {
        return method + " " + path;
    }
}
