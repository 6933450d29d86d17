package no.rusmonitor.platform.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RFC 9457 problem detail. {@code errors} names every offending field with a JSON pointer into the
 * request; {@code warnings} lists what the caller must acknowledge before the request can pass.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
        List<Issue> errors, List<Issue> warnings, String errorId) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_BASE = "https://rusmonitor.no/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null, List.of(), List.of(), null);
    }

    /** The last segment of {@code type}, such as {@code validation-failed}; used as a metric tag. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public String slug() {
        return type.substring(type.lastIndexOf('/') + 1);
    }

    public Problem withIssues(List<Issue> newErrors, List<Issue> newWarnings) {
        return new Problem(type, title, status, detail, instance, newErrors, newWarnings, errorId);
    }

    public Problem withInstance(String path) {
        return new Problem(type, title, status, detail, path, errors, warnings, errorId);
    }

    public Problem withErrorId(String id) {
        return new Problem(type, title, status, detail, instance, errors, warnings, id);
    }
}
