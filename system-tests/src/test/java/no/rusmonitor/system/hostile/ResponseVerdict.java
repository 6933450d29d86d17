package no.rusmonitor.system.hostile;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What is wrong with one answer to a hostile request, by the rules every service promises: never a 5xx;
 * every error is {@code application/problem+json} with its status and a title; a validation failure names
 * the field; no answer shows a stack trace or an exception's class name; every request gets an answer.
 */
public final class ResponseVerdict {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> LEAKS = List.of("\tat ", "at no.rusmonitor", "at io.quarkus", "at io.vertx", "at java.", "Exception", "Caused by",
            ".java:", "org.hibernate", "com.fasterxml", "io.smallrye", "SQLState", "PgException");

    private ResponseVerdict() {
    }

    /** The problems with the answer, empty when it is as it should be. */
    public static List<String> judge(HostileRequest request, RawResponse response) {
        List<String> problems = new ArrayList<>();
        if (!response.answered()) {
            problems.add("no answer (" + response.failure() + ")");
            return problems;
        }
        if (response.status() >= 500) {
            problems.add("status " + response.status());
        }
        String text = response.contentType().startsWith("application/pdf") ? "" : response.text();
        for (String leak : LEAKS) {
            if (text.contains(leak)) {
                problems.add("the body shows '" + leak.replace("\t", "\\t") + "'");
            }
        }
        if (response.status() >= 400 && !(AIMED_AT_THE_HTTP_LAYER.contains(request.mutation()) && refusedByHttpLayer(response)
                && (response.status() != 400 || breaksHttpGrammar(request.request())))) {
            problems.addAll(problem(request, response));
        }
        Integer refusal = request.endpoint().secured() ? CREDENTIAL_REFUSALS.get(request.mutation()) : null;
        if (refusal != null && response.status() != refusal) {
            problems.add("a " + request.mutation() + " request to an endpoint for some callers only was answered " + response.status()
                    + ", not " + refusal);
        }
        return problems;
    }

    /**
     * What an endpoint that only some callers may use must answer a bad credential, whatever else is in the request
     * (the credential is the only thing these attacks change): no valid token is 401, a valid token of a caller who
     * may not use it (another municipality's, or a municipality's on an endpoint for analysts or operators) 403.
     * Any other answer, a 2xx or a 400 about the body, would mean the request got past the check.
     */
    private static final Map<String, Integer> CREDENTIAL_REFUSALS = Map.of("forged-token", 401, "expired-token", 401, "missing-token", 401,
            "other-municipality", 403);

    /** The attacks whose requests Vert.x may refuse before any service code runs (below); any other error must be problem+json. */
    private static final Set<String> AIMED_AT_THE_HTTP_LAYER = Set.of("huge-body", "huge-header", "injection", "invalid-utf8", "path-traversal");

    /**
     * Vert.x answers some requests before any service code runs: a request line or header block over its
     * limits (414, 431), a request it cannot parse (400: bytes not allowed in a URI or header, a broken
     * percent-encoding) and a chunked body over the limit (413). Those answers have no body at all, so nothing
     * can leak; docs/hostile-input.md lists them.
     */
    public static boolean refusedByHttpLayer(RawResponse response) {
        return (response.status() == 400 || response.status() == 413 || response.status() == 414 || response.status() == 431)
                && response.body().length == 0 && response.header("content-type") == null;
    }

    /**
     * Whether the request holds something HTTP's grammar does not allow, which is what Vert.x refuses with a bare
     * 400 before any service code runs: in the request target a control character, a space, a byte above 0x7E or a
     * backslash, or a percent sign not followed by two hex digits, or percent-encoded bytes that are not UTF-8; in a
     * header value a control character other than a tab, or DEL (bytes above 0x7F are allowed there: RFC 9110's
     * obs-text, which Netty takes). A well-formed request (an injection
     * string properly percent-encoded, say) reaches the service, and its refusal must be problem+json.
     */
    static boolean breaksHttpGrammar(RawRequest request) {
        byte[] target = request.target();
        ByteArrayOutputStream decoded = new ByteArrayOutputStream();
        for (int i = 0; i < target.length; i++) {
            int b = target[i] & 0xff;
            if (b <= 0x20 || b >= 0x7f || b == '\\') {
                return true;
            }
            if (b == '%') {
                if (i + 2 >= target.length || Character.digit(target[i + 1], 16) < 0 || Character.digit(target[i + 2], 16) < 0) {
                    return true;
                }
                decoded.write(Character.digit(target[i + 1], 16) * 16 + Character.digit(target[i + 2], 16));
                i += 2;
            } else {
                decoded.write(b);
            }
        }
        if (!isUtf8(decoded.toByteArray())) {
            return true;
        }
        for (Map.Entry<String, byte[]> header : request.headers()) {
            for (byte value : header.getValue()) {
                int b = value & 0xff;
                if ((b < 0x20 && b != '\t') || b == 0x7f) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isUtf8(byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    public static boolean isProblemJson(RawResponse response) {
        return response.contentType().startsWith("application/problem+json");
    }

    private static List<String> problem(HostileRequest request, RawResponse response) {
        if (!isProblemJson(response)) {
            return List.of("error answered as '" + response.contentType() + "', not application/problem+json");
        }
        JsonNode problem;
        try {
            problem = JSON.readTree(response.body());
        } catch (Exception e) {
            return List.of("the problem is not JSON");
        }
        List<String> problems = new ArrayList<>();
        if (problem.path("status").asInt() != response.status()) {
            problems.add("the problem's status " + problem.path("status") + " is not the answer's " + response.status());
        }
        if (problem.path("title").asText().isBlank()) {
            problems.add("the problem has no title");
        }
        if (request.field() != null && (response.status() == 400 || response.status() == 422) && !names(problem, request.field())) {
            problems.add("the " + response.status() + " does not name " + request.field() + " in errors[].pointer: " + response.text());
        }
        return problems;
    }

    /** Whether errors[] has a pointer at the field, or at a part of it (a whole answer when one of its values was wrong). */
    private static boolean names(JsonNode problem, String field) {
        for (JsonNode error : problem.path("errors")) {
            String pointer = error.path("pointer").asText();
            if (!pointer.isEmpty() && (field.equals(pointer) || field.startsWith(pointer + "/") || pointer.startsWith(field + "/"))) {
                return true;
            }
        }
        return false;
    }
}
