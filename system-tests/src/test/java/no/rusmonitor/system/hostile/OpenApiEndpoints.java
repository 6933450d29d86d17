package no.rusmonitor.system.hostile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import no.rusmonitor.system.RunningSystem.Service;

/**
 * Every operation a service documents at {@code /q/openapi?format=json}, so that an endpoint added later is
 * attacked without anyone remembering to list it.
 */
public final class OpenApiEndpoints {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private OpenApiEndpoints() {
    }

    public static List<Endpoint> of(Service service, String baseUrl, RawHttp http) {
        RawResponse answer = http.send(RawRequest.of("GET", "/q/openapi?format=json").header("Accept", "application/json"));
        if (answer.status() != 200) {
            throw new IllegalStateException(service + " has no OpenAPI document at " + baseUrl + "/q/openapi: " + answer.status());
        }
        JsonNode document = read(answer.text());
        List<Endpoint> endpoints = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            List<Endpoint.Parameter> shared = parameters(path.getValue().path("parameters"));
            for (Iterator<Map.Entry<String, JsonNode>> operations = path.getValue().fields(); operations.hasNext();) {
                Map.Entry<String, JsonNode> operation = operations.next();
                if (!METHODS.contains(operation.getKey())) {
                    continue;
                }
                Map<String, Endpoint.Parameter> parameters = new LinkedHashMap<>();
                shared.forEach(p -> parameters.put(p.in() + ":" + p.name(), p));
                parameters(operation.getValue().path("parameters")).forEach(p -> parameters.put(p.in() + ":" + p.name(), p));
                JsonNode content = operation.getValue().path("requestBody").path("content");
                List<String> bodyTypes = new ArrayList<>();
                content.fieldNames().forEachRemaining(bodyTypes::add);
                JsonNode schema = null;
                for (String type : bodyTypes) {
                    if (type.contains("json")) {
                        schema = resolve(content.path(type).path("schema"), document, 0);
                    }
                }
                // An operation that needs a caller lists the bearer token scheme under security (a role is required).
                boolean secured = !operation.getValue().path("security").isEmpty();
                endpoints.add(new Endpoint(service, operation.getKey().toUpperCase(Locale.ROOT), path.getKey(),
                        List.copyOf(parameters.values()), List.copyOf(bodyTypes), schema, secured));
            }
        }
        return endpoints;
    }

    private static List<Endpoint.Parameter> parameters(JsonNode list) {
        List<Endpoint.Parameter> parameters = new ArrayList<>();
        for (JsonNode p : list) {
            parameters.add(new Endpoint.Parameter(p.path("name").asText(), p.path("in").asText(), p.path("schema").path("type").asText("string")));
        }
        return parameters;
    }

    /** The schema with every {@code $ref} replaced by what it names (recursion cut off after a few levels). */
    private static JsonNode resolve(JsonNode schema, JsonNode document, int depth) {
        if (depth > 6 || schema == null || !schema.isObject()) {
            return schema;
        }
        if (schema.has("$ref")) {
            String ref = schema.get("$ref").asText();
            return resolve(document.at(ref.substring(1)), document, depth + 1);
        }
        ObjectNode copy = schema.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> fields = schema.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().equals("properties")) {
                ObjectNode properties = JSON.createObjectNode();
                field.getValue().fields().forEachRemaining(p -> properties.set(p.getKey(), resolve(p.getValue(), document, depth + 1)));
                copy.set("properties", properties);
            } else if (field.getKey().equals("items") || field.getKey().equals("additionalProperties")) {
                copy.set(field.getKey(), resolve(field.getValue(), document, depth + 1));
            } else if (field.getKey().equals("allOf") || field.getKey().equals("oneOf") || field.getKey().equals("anyOf")) {
                ObjectNode merged = copy;
                for (JsonNode part : field.getValue()) {
                    JsonNode resolved = resolve(part, document, depth + 1);
                    if (resolved != null && resolved.isObject()) {
                        merged.setAll((ObjectNode) resolved);
                    }
                }
                merged.remove(field.getKey());
            }
        }
        return copy;
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
    }
}
