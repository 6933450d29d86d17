package no.rusmonitor.system.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import no.rusmonitor.system.RunningSystem.Service;
import no.rusmonitor.testsupport.TestTokens;

/**
 * The well-formed request each attack starts from: path and query parameters with values that exist
 * ({@link LegitimateData}), the token of someone allowed to call the endpoint, and a plausible body. Only the
 * mutation makes it hostile.
 */
final class LegitimateRequest {

    static final String INDICATOR = "goal3.individual_plan_share";
    /** A municipality without a submission: a write for it that got through would add rows. */
    static final String UNSUBMITTED = "1108";

    private static final ObjectMapper JSON = new ObjectMapper();

    private LegitimateRequest() {
    }

    /** Path parameters by name; writes to submissions go to {@link #UNSUBMITTED}. */
    static Map<String, String> pathValues(Endpoint endpoint) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Endpoint.Parameter p : endpoint.in("path")) {
            values.put(p.name(), switch (p.name()) {
                case "year" -> String.valueOf(LegitimateData.YEAR);
                case "code" -> endpoint.writes() && endpoint.path().contains("/submissions/") ? UNSUBMITTED : "0301";
                case "version" -> "1";
                case "level" -> "municipality";
                case "ext" -> ".json";
                case "id" -> endpoint.path().startsWith("/api/rebuilds") ? "00000000-0000-4000-8000-000000000001" : INDICATOR;
                default -> "1";
            });
        }
        return values;
    }

    /** Query parameters with a legitimate value by name; others are left out. Imports are dry runs (but see HostileCorpus.Attack#targetForReal). */
    static Map<String, String> queryValues(Endpoint endpoint) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Endpoint.Parameter p : endpoint.in("query")) {
            String value = switch (p.name()) {
                case "year" -> String.valueOf(LegitimateData.YEAR);
                case "level" -> "municipality";
                case "from" -> endpoint.service() == Service.REPORT ? "1" : "2020";
                case "to" -> endpoint.service() == Service.REPORT ? "1" : String.valueOf(LegitimateData.YEAR);
                case "borders" -> "2024";
                case "format" -> "json";
                case "view" -> "public";
                case "lang" -> "en";
                case "unsuppressed" -> "false";
                case "dryRun" -> "true";
                case "indicator" -> INDICATOR;
                case "goal" -> "3";
                case "area" -> "0301";
                default -> null;
            };
            if (value != null) {
                values.put(p.name(), value);
            }
        }
        return values;
    }

    static String target(Endpoint endpoint, Map<String, String> path, Map<String, String> query) {
        String target = endpoint.path();
        for (Map.Entry<String, String> p : path.entrySet()) {
            target = target.replace("{" + p.getKey() + "}", p.getValue());
        }
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, String> p : query.entrySet()) {
            q.append(q.length() == 0 ? '?' : '&').append(p.getKey()).append('=').append(p.getValue());
        }
        return target + q;
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The bearer token of a caller allowed to use the endpoint (the role map of README's tables; operator otherwise). */
    static String token(Endpoint endpoint) {
        String path = endpoint.path();
        if (path.contains("/submissions/")) {
            return TestTokens.municipality(endpoint.writes() ? UNSUBMITTED : "0301");
        }
        if (path.startsWith("/api/reports") || (!endpoint.writes() && endpoint.service() != Service.SURVEY)) {
            return TestTokens.analyst();
        }
        return TestTokens.operator();
    }

    /** A plausible body: a complete survey form for submissions, an import row, or a value for every schema property. */
    static ObjectNode body(Endpoint endpoint) {
        if (endpoint.path().contains("/submissions/")) {
            return object("{\"answers\":" + no.rusmonitor.system.Answers.standard(200) + "}");
        }
        if (endpoint.path().startsWith("/api/imports")) {
            return object("{\"rows\":[{\"municipalityCode\":\"" + UNSUBMITTED + "\",\"surveyYear\":" + LegitimateData.YEAR + ",\"answers\":"
                    + no.rusmonitor.system.Answers.standard(200) + "}]}");
        }
        JsonNode example = example(endpoint.bodySchema(), 0);
        return example instanceof ObjectNode o ? o : JSON.createObjectNode();
    }

    private static JsonNode example(JsonNode schema, int depth) {
        if (schema == null || depth > 5) {
            return JSON.nullNode();
        }
        if (schema.path("enum").isArray() && schema.path("enum").size() > 0) {
            return schema.path("enum").get(0);
        }
        String type = schema.path("type").asText("object");
        return switch (type) {
            case "string" -> JSON.getNodeFactory().textNode(schema.path("format").asText().equals("date-time") ? "2022-01-01T00:00:00Z" : "x");
            case "integer" -> JSON.getNodeFactory().numberNode(1);
            case "number" -> JSON.getNodeFactory().numberNode(1.5);
            case "boolean" -> JSON.getNodeFactory().booleanNode(true);
            case "array" -> {
                ArrayNode array = JSON.createArrayNode();
                array.add(example(schema.path("items"), depth + 1));
                yield array;
            }
            default -> {
                ObjectNode object = JSON.createObjectNode();
                for (Iterator<Map.Entry<String, JsonNode>> p = schema.path("properties").fields(); p.hasNext();) {
                    Map.Entry<String, JsonNode> property = p.next();
                    object.set(property.getKey(), example(property.getValue(), depth + 1));
                }
                yield object;
            }
        };
    }

    private static ObjectNode object(String json) {
        try {
            return (ObjectNode) JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
