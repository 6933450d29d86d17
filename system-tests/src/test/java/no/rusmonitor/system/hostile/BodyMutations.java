package no.rusmonitor.system.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Attacks on a JSON body, sent with the token of a caller allowed to write: broken and deeply nested JSON,
 * bodies over the limit, invalid UTF-8, wrong content types, and single fields of the wrong type, out of
 * bounds or carrying injection strings (the field a validation failure must then name).
 */
final class BodyMutations {

    private final HostileCorpus.Attack attack;
    private final Random random;

    BodyMutations(HostileCorpus.Attack attack, Random random) {
        this.attack = attack;
        this.random = random;
    }

    void all() {
        String target = attack.target();
        for (int i = 0; i < 3; i++) {
            String broken = pick(HostilePayloads.BROKEN_JSON);
            send("broken-json", abbreviate(broken), broken.getBytes(StandardCharsets.UTF_8), "application/json", null);
        }
        send("deep-nesting", HostileCorpus.DEEP + " nested arrays", bytes(HostilePayloads.nested(HostileCorpus.DEEP, false)), "application/json", null);
        send("deep-nesting", HostileCorpus.DEEP + " nested objects", bytes(HostilePayloads.nested(HostileCorpus.DEEP, true)), "application/json", null);
        int limit = HostileCorpus.bodyLimit(attack.endpoint);
        send("huge-body", "Content-Length over the " + limit + " byte limit", HostilePayloads.huge(limit + 1024), "application/json", null);
        attack.add("huge-body", "chunked body over the " + limit + " byte limit", attack.request(target, attack.token,
                HostilePayloads.huge(limit + 1024), "application/json").asChunked(), null);
        for (int i = 0; i < 2; i++) {
            send("invalid-utf8", "raw bytes in a string", HostilePayloads.jsonWith(pick(HostilePayloads.INVALID_UTF8)), "application/json", null);
        }
        for (int i = 0; i < 2; i++) {
            String type = pick(HostilePayloads.WRONG_CONTENT_TYPES);
            // JSON has no charset parameter (RFC 8259): a server may read JSON whatever parameters follow its type,
            // so those, like no type at all, get a body that changes nothing.
            boolean lenient = type.isEmpty() || type.equals("*/*") || type.startsWith("application/json;");
            send("content-type", "Content-Type: " + type.replace("\r\n", "\\r\\n"), lenient ? bytes("{}") : legitimate().toString().getBytes(StandardCharsets.UTF_8),
                    type, null);
        }
        send("wrong-type", "the body is an array", bytes("[" + legitimate() + "]"), "application/json", null);
        List<String> fields = fields(legitimate());
        for (int i = 0; i < 3 && !fields.isEmpty(); i++) {
            String pointer = fields.get(random.nextInt(fields.size()));
            String wrong = pick(HostilePayloads.WRONG_TYPES.subList(0, 4));
            send("wrong-type", pointer + " = " + wrong, replaced(pointer, wrong), "application/json", pointer);
        }
        if (attack.endpoint.path().contains("/submissions/") || attack.endpoint.path().startsWith("/api/imports")) {
            String prefix = attack.endpoint.path().startsWith("/api/imports") ? "/rows/0/answers/" : "/answers/";
            // Every one, not a sample: each reaches the survey's validation, where a number or a text it cannot
            // handle would be a 5xx (or, in a draft, be stored).
            for (String[] answer : HostilePayloads.ANSWERS_OUT_OF_BOUNDS) {
                sendForReal("out-of-bounds", answer[0] + " = " + abbreviate(answer[1]), replaced(prefix + answer[0], answer[1]),
                        "application/json", prefix + answer[0]);
            }
            if (attack.endpoint.path().startsWith("/api/imports")) {
                for (String csv : HostilePayloads.CSV_IMPORTS) {
                    sendForReal("csv", abbreviate(csv.replace("\n", "\\n").replace("\u0000", "\\0")), bytes(csv), "text/csv", null);
                }
            }
            String injection = pick(HostilePayloads.INJECTION);
            send("injection", "budget_change = " + injection, replaced(prefix + "budget_change", quote(injection)), "application/json",
                    prefix + "budget_change");
        } else {
            for (String pointer : fields) {
                if (numeric(pointer)) {
                    String number = pick(HostilePayloads.NUMBERS);
                    // Bounds are checked against each other (min against max), so the failure may name the other field.
                    send("out-of-bounds", pointer + " = " + number, replaced(pointer, number), "application/json", null);
                }
            }
        }
        String injection = pick(HostilePayloads.INJECTION);
        ObjectNode unknown = legitimate();
        unknown.put(injection, 1);
        send("injection", "a field named " + injection, bytes(unknown.toString()), "application/json", null);
    }

    private void send(String mutation, String detail, byte[] body, String contentType, String field) {
        attack.add(mutation, detail, attack.request(attack.target(), attack.token, body, contentType), field);
    }

    /** As send(), an import for real rather than a dry run: every row of it must be refused. */
    private void sendForReal(String mutation, String detail, byte[] body, String contentType, String field) {
        attack.add(mutation, detail, attack.request(attack.targetForReal(), attack.token, body, contentType), field);
    }

    private ObjectNode legitimate() {
        return LegitimateRequest.body(attack.endpoint);
    }

    /** The legitimate body with the value at {@code pointer} replaced by a raw JSON literal. */
    private byte[] replaced(String pointer, String literal) {
        String marker = "\"@@hostile@@\"";
        ObjectNode body = legitimate();
        int slash = pointer.lastIndexOf('/');
        JsonNode parent = body.at(pointer.substring(0, slash));
        if (parent instanceof ObjectNode object) {
            object.put(pointer.substring(slash + 1), "@@hostile@@");
        } else if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            array.set(Integer.parseInt(pointer.substring(slash + 1)), body.textNode("@@hostile@@"));
        }
        return bytes(body.toString().replace(marker, literal));
    }

    private boolean numeric(String pointer) {
        JsonNode value = legitimate().at(pointer);
        return value.isNumber();
    }

    /** JSON pointers of the leaf values of a body, and of its nested objects' fields one level down. */
    private static List<String> fields(JsonNode body) {
        List<String> pointers = new ArrayList<>();
        collect(body, "", pointers, 0);
        return pointers;
    }

    private static void collect(JsonNode node, String at, List<String> pointers, int depth) {
        if (depth > 3) {
            return;
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext();) {
                Map.Entry<String, JsonNode> field = fields.next();
                String pointer = at + "/" + field.getKey();
                if (field.getValue().isContainerNode()) {
                    collect(field.getValue(), pointer, pointers, depth + 1);
                } else {
                    pointers.add(pointer);
                }
            }
        } else if (node.isArray() && node.size() > 0) {
            collect(node.get(0), at + "/0", pointers, depth + 1);
        }
    }

    private <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    private static String quote(String text) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(text).toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
