package no.rusmonitor.deploy.checks;

import static no.rusmonitor.deploy.checks.Yamls.list;
import static no.rusmonitor.deploy.checks.Yamls.map;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders a Kustomize directory the way {@code kubectl kustomize} does, for the subset of Kustomize that
 * deploy/k8s uses: resources (files and directories), namespace, images, and JSON 6902 patches selected by
 * group, version, kind and name. Anything else in a kustomization.yaml is refused with a message, so the
 * renderer never silently renders something different. Where kubectl is installed, KustomizeRenderTest
 * proves that both render the same documents.
 */
final class Kustomize {

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "images", "patches");

    /** Kinds that live outside namespaces (the namespace transformer leaves them alone). */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding",
            "CustomResourceDefinition", "PersistentVolume", "StorageClass", "IngressClass", "PriorityClass",
            "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration", "APIService", "ClusterIssuer", "Node");

    private Kustomize() {
    }

    static List<Map<String, Object>> build(Path dir) {
        Path file = dir.resolve("kustomization.yaml");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(Repo.relative(dir) + " has no kustomization.yaml");
        }
        String where = Repo.relative(file);
        Map<String, Object> kustomization = Yamls.load(Repo.read(file), where);
        for (String field : kustomization.keySet()) {
            if (!SUPPORTED.contains(field)) {
                throw new UnsupportedOperationException(where + ": '" + field + "' is not supported by the built-in renderer "
                        + "(supported: " + SUPPORTED + "); extend deploy/checks' Kustomize.java or use what it supports");
            }
        }
        List<Map<String, Object>> resources = new ArrayList<>();
        for (Object entry : Yamls.listAt(kustomization, "resources")) {
            Path target = dir.resolve(String.valueOf(entry)).normalize();
            if (Files.isDirectory(target)) {
                resources.addAll(build(target));
            } else if (Files.isRegularFile(target)) {
                for (Map<String, Object> document : Yamls.loadAll(Repo.read(target), Repo.relative(target))) {
                    resources.add(map(Yamls.copy(document)));
                }
            } else {
                throw new IllegalArgumentException(where + ": resource " + entry + " does not exist");
            }
        }
        for (Map<String, Object> patch : Yamls.mapsAt(kustomization, "patches")) {
            applyPatch(dir, where, patch, resources);
        }
        for (Map<String, Object> image : Yamls.mapsAt(kustomization, "images")) {
            resources.forEach(r -> setImages(r, image));
        }
        String namespace = Yamls.string(kustomization, "namespace");
        if (namespace != null) {
            for (Map<String, Object> resource : resources) {
                String kind = Yamls.string(resource, "kind");
                if (kind.equals("Namespace")) {
                    if (!namespace.equals(Yamls.string(resource, "metadata.name"))) {
                        throw new UnsupportedOperationException(where + ": a Namespace resource named other than the "
                                + "kustomization's namespace is not supported");
                    }
                } else if (!CLUSTER_SCOPED.contains(kind)) {
                    map(resource.computeIfAbsent("metadata", k -> new LinkedHashMap<>())).put("namespace", namespace);
                }
            }
        }
        Set<String> ids = new java.util.HashSet<>();
        for (Map<String, Object> resource : resources) {
            if (!ids.add(id(resource))) {
                throw new IllegalArgumentException(where + ": " + id(resource) + " is defined twice");
            }
        }
        return resources;
    }

    /** group/kind/namespace/name: what identifies a resource in a rendering. */
    static String id(Map<String, Object> resource) {
        String apiVersion = Yamls.string(resource, "apiVersion");
        String group = apiVersion != null && apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        return group + "/" + Yamls.string(resource, "kind") + "/" + Yamls.string(resource, "metadata.namespace") + "/"
                + Yamls.string(resource, "metadata.name");
    }

    private static void applyPatch(Path dir, String where, Map<String, Object> patch, List<Map<String, Object>> resources) {
        for (String field : patch.keySet()) {
            if (!Set.of("target", "patch", "path").contains(field)) {
                throw new UnsupportedOperationException(where + ": patches[]." + field + " is not supported by the built-in renderer");
            }
        }
        String text = patch.containsKey("path") ? Repo.read(dir.resolve(String.valueOf(patch.get("path"))))
                : String.valueOf(patch.get("patch"));
        Object operations = new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
                new org.yaml.snakeyaml.LoaderOptions())).load(text);
        if (!(operations instanceof List<?>)) {
            throw new UnsupportedOperationException(where + ": only JSON 6902 patches (a list of operations) are supported "
                    + "by the built-in renderer, not strategic merge patches");
        }
        Map<String, Object> target = Yamls.mapAt(patch, "target");
        if (target.isEmpty()) {
            throw new UnsupportedOperationException(where + ": a JSON 6902 patch needs a target");
        }
        for (String field : target.keySet()) {
            if (!Set.of("group", "version", "kind", "name", "namespace").contains(field)) {
                throw new UnsupportedOperationException(where + ": patch target field '" + field + "' is not supported by the built-in renderer");
            }
        }
        int matched = 0;
        for (Map<String, Object> resource : resources) {
            if (matches(target, resource)) {
                matched++;
                for (Object operation : list(operations)) {
                    JsonPatch.apply(resource, map(operation), where);
                }
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(where + ": the patch for " + target + " matches no resource");
        }
    }

    private static boolean matches(Map<String, Object> target, Map<String, Object> resource) {
        String apiVersion = Yamls.string(resource, "apiVersion");
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
        return matches(target.get("group"), group) && matches(target.get("version"), version)
                && matches(target.get("kind"), Yamls.string(resource, "kind"))
                && matches(target.get("name"), Yamls.string(resource, "metadata.name"))
                && matches(target.get("namespace"), Yamls.string(resource, "metadata.namespace"));
    }

    /** Kustomize matches target fields as anchored regular expressions. */
    private static boolean matches(Object wanted, String actual) {
        return wanted == null || (actual != null && actual.matches(String.valueOf(wanted)));
    }

    /** Kustomize's image transformer: every containers[] and initContainers[] image, in any kind. */
    private static void setImages(Object node, Map<String, Object> image) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if ((e.getKey().equals("containers") || e.getKey().equals("initContainers")) && e.getValue() instanceof List<?> containers) {
                    for (Object container : containers) {
                        if (container instanceof Map<?, ?> c && c.get("image") instanceof String current) {
                            map(c).put("image", replaceImage(current, image));
                        }
                    }
                }
                setImages(e.getValue(), image);
            }
        } else if (node instanceof List<?> l) {
            l.forEach(v -> setImages(v, image));
        }
    }

    static String replaceImage(String current, Map<String, Object> image) {
        String name = current;
        String tag = null;
        String digest = null;
        int at = name.indexOf('@');
        if (at >= 0) {
            digest = name.substring(at + 1);
            name = name.substring(0, at);
        }
        int colon = name.lastIndexOf(':');
        if (colon > name.lastIndexOf('/')) {
            tag = name.substring(colon + 1);
            name = name.substring(0, colon);
        }
        if (!name.equals(image.get("name"))) {
            return current;
        }
        if (image.get("newName") != null) {
            name = String.valueOf(image.get("newName"));
        }
        if (image.get("newTag") != null) {
            tag = String.valueOf(image.get("newTag"));
            digest = null;
        }
        if (image.get("digest") != null) {
            digest = String.valueOf(image.get("digest"));
            tag = null;
        }
        return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
