package no.rusmonitor.deploy.checks;

import static no.rusmonitor.deploy.checks.Yamls.list;
import static no.rusmonitor.deploy.checks.Yamls.map;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** RFC 6902 JSON Patch on YAML trees (add, remove, replace, move, copy, test). */
final class JsonPatch {

    private JsonPatch() {
    }

    static void apply(Map<String, Object> document, Map<String, Object> operation, String where) {
        String op = String.valueOf(operation.get("op"));
        String path = String.valueOf(operation.get("path"));
        switch (op) {
            case "add" -> add(document, path, Yamls.copy(operation.get("value")), where);
            case "remove" -> remove(document, path, where);
            case "replace" -> {
                remove(document, path, where);
                add(document, path, Yamls.copy(operation.get("value")), where);
            }
            case "move" -> {
                Object value = get(document, String.valueOf(operation.get("from")), where);
                remove(document, String.valueOf(operation.get("from")), where);
                add(document, path, value, where);
            }
            case "copy" -> add(document, path, Yamls.copy(get(document, String.valueOf(operation.get("from")), where)), where);
            case "test" -> {
                if (!Yamls.same(get(document, path, where), operation.get("value"))) {
                    throw new IllegalArgumentException(where + ": test failed at " + path);
                }
            }
            default -> throw new IllegalArgumentException(where + ": unknown patch operation " + op);
        }
    }

    static List<String> pointer(String path) {
        if (path.isEmpty()) {
            return List.of();
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a JSON pointer starts with '/': " + path);
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.substring(1).split("/", -1)) {
            parts.add(part.replace("~1", "/").replace("~0", "~"));
        }
        return parts;
    }

    private static Object get(Object document, String path, String where) {
        Object node = document;
        for (String part : pointer(path)) {
            node = child(node, part, path, where);
        }
        return node;
    }

    private static Object child(Object node, String part, String path, String where) {
        if (node instanceof Map<?, ?> m && m.containsKey(part)) {
            return m.get(part);
        }
        if (node instanceof List<?> l && part.matches("\\d+") && Integer.parseInt(part) < l.size()) {
            return l.get(Integer.parseInt(part));
        }
        throw new IllegalArgumentException(where + ": no value at " + path);
    }

    private static void add(Object document, String path, Object value, String where) {
        List<String> parts = pointer(path);
        Object parent = document;
        for (String part : parts.subList(0, parts.size() - 1)) {
            parent = child(parent, part, path, where);
        }
        String last = parts.get(parts.size() - 1);
        if (parent instanceof Map<?, ?>) {
            map(parent).put(last, value);
        } else if (parent instanceof List<?>) {
            List<Object> l = list(parent);
            if (last.equals("-")) {
                l.add(value);
            } else {
                l.add(Integer.parseInt(last), value);
            }
        } else {
            throw new IllegalArgumentException(where + ": cannot add at " + path);
        }
    }

    private static void remove(Object document, String path, String where) {
        List<String> parts = pointer(path);
        Object parent = document;
        for (String part : parts.subList(0, parts.size() - 1)) {
            parent = child(parent, part, path, where);
        }
        String last = parts.get(parts.size() - 1);
        child(parent, last, path, where);
        if (parent instanceof Map<?, ?>) {
            map(parent).remove(last);
        } else {
            list(parent).remove(Integer.parseInt(last));
        }
    }
}
