package no.rusmonitor.deploy.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** YAML documents as plain trees (maps, lists, scalars), and small helpers to walk them. */
final class Yamls {

    private Yamls() {
    }

    static List<Map<String, Object>> loadAll(String text, String where) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        Yaml yaml = new Yaml(new SafeConstructor(options));
        List<Map<String, Object>> documents = new ArrayList<>();
        int index = 0;
        for (Object document : yaml.loadAll(text)) {
            index++;
            if (document == null) {
                continue;
            }
            if (!(document instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(where + ": document " + index + " is not a mapping");
            }
            documents.add(map(map));
        }
        return documents;
    }

    static Map<String, Object> load(String text, String where) {
        List<Map<String, Object>> all = loadAll(text, where);
        if (all.size() != 1) {
            throw new IllegalArgumentException(where + ": expected one YAML document, found " + all.size());
        }
        return all.get(0);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** The value at a dotted path ("spec.template.spec"); list elements by index ("containers.0"). */
    static Optional<Object> at(Object tree, String path) {
        Object node = tree;
        for (String part : path.split("\\.")) {
            if (node instanceof Map<?, ?> map) {
                node = map.get(part);
            } else if (node instanceof List<?> list && part.matches("\\d+")) {
                int i = Integer.parseInt(part);
                node = i < list.size() ? list.get(i) : null;
            } else {
                return Optional.empty();
            }
            if (node == null) {
                return Optional.empty();
            }
        }
        return Optional.of(node);
    }

    static String string(Object tree, String path) {
        return at(tree, path).map(String::valueOf).orElse(null);
    }

    static Map<String, Object> mapAt(Object tree, String path) {
        return at(tree, path).filter(Map.class::isInstance).map(Yamls::map).orElse(Map.of());
    }

    static List<Object> listAt(Object tree, String path) {
        return at(tree, path).filter(List.class::isInstance).map(Yamls::list).orElse(List.of());
    }

    static List<Map<String, Object>> mapsAt(Object tree, String path) {
        List<Map<String, Object>> maps = new ArrayList<>();
        for (Object item : listAt(tree, path)) {
            if (item instanceof Map<?, ?>) {
                maps.add(map(item));
            }
        }
        return maps;
    }

    /** A deep copy with mutable maps and lists. */
    static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), copy(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(copy(v)));
            return copy;
        }
        return value;
    }

    /** Structural equality that treats 1, 1L and 1.0 alike. */
    static boolean same(Object a, Object b) {
        if (a instanceof Number x && b instanceof Number y) {
            return Double.compare(x.doubleValue(), y.doubleValue()) == 0;
        }
        if (a instanceof Map<?, ?> x && b instanceof Map<?, ?> y) {
            if (!x.keySet().equals(y.keySet())) {
                return false;
            }
            return x.keySet().stream().allMatch(k -> same(x.get(k), y.get(k)));
        }
        if (a instanceof List<?> x && b instanceof List<?> y) {
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!same(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        return java.util.Objects.equals(a, b);
    }
}
