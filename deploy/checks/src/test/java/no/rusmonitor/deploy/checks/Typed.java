package no.rusmonitor.deploy.checks;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Kubernetes' own kinds parsed into the fabric8 Kubernetes model (the typed model the Kubernetes Java
 * client uses). A field the model does not know lands in its additionalProperties: that is reported as
 * an unknown field, and so is a value that changes when written back from the typed object (a string
 * where a number belongs, say).
 */
final class Typed {

    static final Map<String, Class<?>> MODELS = Map.ofEntries(
            Map.entry("/v1/Namespace", Namespace.class),
            Map.entry("/v1/ServiceAccount", ServiceAccount.class),
            Map.entry("/v1/ConfigMap", ConfigMap.class),
            Map.entry("/v1/Secret", Secret.class),
            Map.entry("/v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class));

    private static final ObjectMapper MAPPER = new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Typed() {
    }

    /** The typed object, or an AssertionError naming every problem. */
    static Object parse(Map<String, Object> document) {
        Class<?> model = MODELS.get(Schemas.key(document));
        if (model == null) {
            throw new AssertionError("no fabric8 model registered for " + Schemas.key(document) + " (add it to Typed.MODELS)");
        }
        Object typed;
        try {
            typed = MAPPER.convertValue(document, model);
        } catch (IllegalArgumentException e) {
            throw new AssertionError("does not parse as " + model.getSimpleName() + ": " + e.getMessage());
        }
        List<String> problems = new ArrayList<>();
        unknownFields(typed, "", problems, new IdentityHashMap<>());
        Object written = MAPPER.convertValue(typed, Map.class);
        differences(document, written, "", problems);
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("\n", problems));
        }
        return typed;
    }

    private static void unknownFields(Object node, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (node == null || seen.put(node, Boolean.TRUE) != null) {
            return;
        }
        if (node instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + i++ + "]", problems, seen);
            }
            return;
        }
        if (node instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems, seen));
            return;
        }
        if (!node.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers()) || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add((path.isEmpty() ? "(document)" : path.substring(1)) + ": unknown field(s) " + extra.keySet());
                }
            } else {
                String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                unknownFields(value, path + "." + field, problems, seen);
            }
        }
    }

    private static final Set<String> SKIP = Set.of();

    private static void differences(Object original, Object written, String path, List<String> problems) {
        if (original instanceof Map<?, ?> a && written instanceof Map<?, ?> b) {
            for (Object key : a.keySet()) {
                String p = path + "." + key;
                if (!b.containsKey(key)) {
                    Object v = a.get(key);
                    boolean empty = v == null || (v instanceof Map<?, ?> m && m.isEmpty()) || (v instanceof List<?> l && l.isEmpty());
                    if (!empty && !SKIP.contains(p)) {
                        problems.add(p.substring(1) + ": the typed model dropped this value");
                    }
                } else {
                    differences(a.get(key), b.get(key), p, problems);
                }
            }
        } else if (original instanceof List<?> a && written instanceof List<?> b && a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                differences(a.get(i), b.get(i), path + "[" + i + "]", problems);
            }
        } else if (!Yamls.same(original, written)) {
            problems.add((path.isEmpty() ? "(document)" : path.substring(1)) + ": " + describe(original)
                    + " reads as " + describe(written) + " in the typed model");
        }
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
