package no.rusmonitor.deploy.checks;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Validates a YAML tree against a Kubernetes OpenAPI schema (the swagger 2.0 definitions of the built-in
 * kinds, or a CRD's openAPIV3Schema) the way the API server does with strict field validation (kubectl's
 * default since 1.27): types, required fields, enums, bounds, patterns, lengths, oneOf/anyOf/allOf/not,
 * and no field that the schema does not declare, unless the schema preserves unknown fields. Kubernetes'
 * extensions are honoured: x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-fields, nullable, and
 * the int-or-string and Quantity types of the built-in definitions. CEL rules (x-kubernetes-validations)
 * are not evaluated.
 */
final class SchemaValidator {

    private final Function<String, Map<String, Object>> refs;

    /** refs resolves a $ref ("#/definitions/...") to its schema. */
    SchemaValidator(Function<String, Map<String, Object>> refs) {
        this.refs = refs;
    }

    List<String> validate(Object value, Map<String, Object> schema) {
        List<String> errors = new ArrayList<>();
        check(value, schema, "", errors, false);
        return errors;
    }

    @SuppressWarnings("unchecked")
    private void check(Object value, Map<String, Object> schema, String path, List<String> errors, boolean inCombinator) {
        if (schema == null || schema.isEmpty()) {
            return;
        }
        if (schema.get("$ref") instanceof String ref) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (name.equals("io.k8s.apimachinery.pkg.util.intstr.IntOrString")) {
                if (!(value instanceof String || isInteger(value))) {
                    errors.add(at(path) + "expected an integer or a string, got " + describe(value));
                }
                return;
            }
            if (name.equals("io.k8s.apimachinery.pkg.api.resource.Quantity")) {
                if (!(value instanceof String s && s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+|[KMGTPE]i?|[munkMGTPE])?")
                        || value instanceof Number)) {
                    errors.add(at(path) + "expected a quantity (like 500m, 1Gi), got " + describe(value));
                }
                return;
            }
            Map<String, Object> target = refs.apply(ref);
            if (target == null) {
                errors.add(at(path) + "the schema refers to " + ref + ", which the vendored schemas lack");
                return;
            }
            check(value, target, path, errors, inCombinator);
            return;
        }
        if (value == null) {
            if (!Boolean.TRUE.equals(schema.get("nullable"))) {
                errors.add(at(path) + "null is not allowed");
            }
            return;
        }
        boolean intOrString = Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string")) || "int-or-string".equals(schema.get("format"));
        if (intOrString) {
            if (!(value instanceof String || isInteger(value))) {
                errors.add(at(path) + "expected an integer or a string, got " + describe(value));
                return;
            }
        } else if (schema.get("type") instanceof String type && !hasType(value, type)) {
            errors.add(at(path) + "expected " + type + ", got " + describe(value));
            return;
        }
        if (schema.get("enum") instanceof List<?> allowed && allowed.stream().noneMatch(a -> Yamls.same(a, value))) {
            errors.add(at(path) + describe(value) + " is not one of " + allowed);
        }
        if (value instanceof String s) {
            if (schema.get("pattern") instanceof String pattern) {
                try {
                    if (!Pattern.compile(pattern).matcher(s).find()) {
                        errors.add(at(path) + "\"" + s + "\" does not match " + pattern);
                    }
                } catch (PatternSyntaxException ignored) {
                    // An ECMA regular expression Java cannot compile: not checked.
                }
            }
            if (schema.get("maxLength") instanceof Number max && s.length() > max.intValue()) {
                errors.add(at(path) + "longer than " + max);
            }
            if (schema.get("minLength") instanceof Number min && s.length() < min.intValue()) {
                errors.add(at(path) + "shorter than " + min);
            }
        }
        if (value instanceof Number n && !(value instanceof String)) {
            BigDecimal v = new BigDecimal(n.toString());
            if (schema.get("minimum") instanceof Number min) {
                int c = v.compareTo(new BigDecimal(min.toString()));
                if (c < 0 || (c == 0 && Boolean.TRUE.equals(schema.get("exclusiveMinimum")))) {
                    errors.add(at(path) + n + " is below the minimum " + min);
                }
            }
            if (schema.get("maximum") instanceof Number max) {
                int c = v.compareTo(new BigDecimal(max.toString()));
                if (c > 0 || (c == 0 && Boolean.TRUE.equals(schema.get("exclusiveMaximum")))) {
                    errors.add(at(path) + n + " is above the maximum " + max);
                }
            }
        }
        if (value instanceof Map<?, ?> object) {
            checkObject((Map<String, Object>) object, schema, path, errors, inCombinator);
        }
        if (value instanceof List<?> items) {
            if (schema.get("minItems") instanceof Number min && items.size() < min.intValue()) {
                errors.add(at(path) + "fewer than " + min + " items");
            }
            if (schema.get("maxItems") instanceof Number max && items.size() > max.intValue()) {
                errors.add(at(path) + "more than " + max + " items");
            }
            if (schema.get("items") instanceof Map<?, ?> itemSchema) {
                for (int i = 0; i < items.size(); i++) {
                    check(items.get(i), (Map<String, Object>) itemSchema, path + "[" + i + "]", errors, inCombinator);
                }
            }
        }
        combinators(value, schema, path, errors);
    }

    @SuppressWarnings("unchecked")
    private void checkObject(Map<String, Object> object, Map<String, Object> schema, String path, List<String> errors,
            boolean inCombinator) {
        Map<String, Object> properties = schema.get("properties") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
        if (schema.get("required") instanceof List<?> required) {
            for (Object field : required) {
                if (!object.containsKey(String.valueOf(field))) {
                    errors.add(at(path) + "required field '" + field + "' is missing");
                }
            }
        }
        boolean preserve = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"));
        boolean embedded = Boolean.TRUE.equals(schema.get("x-kubernetes-embedded-resource"));
        for (Map.Entry<String, Object> field : object.entrySet()) {
            String fieldPath = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            if (properties.get(field.getKey()) instanceof Map<?, ?> fieldSchema) {
                check(field.getValue(), (Map<String, Object>) fieldSchema, fieldPath, errors, inCombinator);
            } else if (schema.get("additionalProperties") instanceof Map<?, ?> extra) {
                check(field.getValue(), (Map<String, Object>) extra, fieldPath, errors, inCombinator);
            } else if (Boolean.FALSE.equals(schema.get("additionalProperties")) || (!properties.isEmpty() && !preserve && !inCombinator
                    && !(embedded && List.of("apiVersion", "kind", "metadata").contains(field.getKey())))) {
                errors.add(at(fieldPath) + "unknown field (the schema declares " + new java.util.TreeSet<>(properties.keySet()) + ")");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private void combinators(Object value, Map<String, Object> schema, String path, List<String> errors) {
        if (schema.get("allOf") instanceof List<?> all) {
            for (Object sub : all) {
                check(value, (Map<String, Object>) sub, path, errors, true);
            }
        }
        if (schema.get("anyOf") instanceof List<?> any) {
            boolean one = any.stream().anyMatch(sub -> passes(value, (Map<String, Object>) sub, path));
            if (!one) {
                errors.add(at(path) + "matches none of the alternatives (anyOf) " + any);
            }
        }
        if (schema.get("oneOf") instanceof List<?> oneOf) {
            long passing = oneOf.stream().filter(sub -> passes(value, (Map<String, Object>) sub, path)).count();
            if (passing != 1) {
                errors.add(at(path) + "matches " + passing + " of the exclusive alternatives (oneOf) " + oneOf + ", must match exactly one");
            }
        }
        if (schema.get("not") instanceof Map<?, ?> not && passes(value, (Map<String, Object>) not, path)) {
            errors.add(at(path) + "matches what the schema forbids (not) " + not);
        }
    }

    private boolean passes(Object value, Map<String, Object> schema, String path) {
        List<String> errors = new ArrayList<>();
        check(value, schema, path, errors, true);
        return errors.isEmpty();
    }

    private static boolean hasType(Object value, String type) {
        return switch (type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "boolean" -> value instanceof Boolean;
            case "integer" -> isInteger(value);
            case "number" -> value instanceof Number;
            default -> true;
        };
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger || value instanceof Short;
    }

    private static String at(String path) {
        return (path.isEmpty() ? "(document)" : path) + ": ";
    }

    private static String describe(Object value) {
        if (value == null) {
            return "null";
        }
        String type = value instanceof Map ? "an object" : value instanceof List ? "a list" : value instanceof String ? "a string"
                : value instanceof Boolean ? "a boolean" : "a number";
        return type + (value instanceof Map || value instanceof List ? "" : " (" + value + ")");
    }
}
