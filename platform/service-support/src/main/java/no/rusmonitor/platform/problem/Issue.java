package no.rusmonitor.platform.problem;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One finding about one field: {@code pointer} is a JSON pointer (RFC 6901) into the request body,
 * {@code code} a stable machine-readable reason, {@code message} a sentence for people.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Issue(String pointer, String code, String message, Severity severity) {

    public enum Severity {
        error, warning
    }

    public static Issue error(String pointer, String code, String message) {
        return new Issue(pointer, code, message, Severity.error);
    }

    public static Issue warning(String pointer, String code, String message) {
        return new Issue(pointer, code, message, Severity.warning);
    }

    /**
     * A value the client sent, as an answer may repeat it: printable ASCII only (anything else as '?'), at most
     * 100 characters. An answer names what was wrong without carrying control characters or a 64 KB parameter back.
     */
    public static String quote(String value) {
        String clean = value == null ? "" : value.replaceAll("[^\\x20-\\x7e]", "?");
        return clean.length() > 100 ? clean.substring(0, 100) + "..." : clean;
    }

    /** A field name as one token of a JSON pointer: '~' and '/' escaped (RFC 6901). */
    public static String token(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
