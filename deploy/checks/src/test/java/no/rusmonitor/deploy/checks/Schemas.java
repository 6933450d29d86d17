package no.rusmonitor.deploy.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The schemas the manifests are validated against, all vendored in deploy/checks/schemas (see
 * PROVENANCE.md): Kubernetes' own kinds from its OpenAPI definitions, and each CRD's openAPIV3Schema for
 * the kinds of Strimzi, CloudNativePG, its Barman Cloud plugin and the Prometheus Operator.
 */
final class Schemas {

    static final String DIR = "deploy/checks/schemas";
    private static final String KUBERNETES = DIR + "/kubernetes-1.30.9-subset.json";
    private static final String OBJECT_META = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    private static final Schemas INSTANCE = new Schemas();

    private final Map<String, Object> definitions;
    /** "group/version/Kind" to the schema of that kind; builtIn says whether it is one of Kubernetes' own. */
    private final Map<String, Map<String, Object>> byKind = new LinkedHashMap<>();
    private final Map<String, String> source = new LinkedHashMap<>();
    private final SchemaValidator validator;

    @SuppressWarnings("unchecked")
    private Schemas() {
        try {
            Map<String, Object> kubernetes = new ObjectMapper().readValue(Repo.path(KUBERNETES).toFile(), Map.class);
            definitions = (Map<String, Object>) kubernetes.get("definitions");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        definitions.forEach((name, schema) -> {
            for (Map<String, Object> gvk : Yamls.mapsAt(schema, "x-kubernetes-group-version-kind")) {
                String key = gvk.get("group") + "/" + gvk.get("version") + "/" + gvk.get("kind");
                byKind.put(key, Map.of("$ref", "#/definitions/" + name));
                source.put(key, KUBERNETES);
            }
        });
        try (Stream<Path> crds = Files.list(Repo.path(DIR + "/crds"))) {
            for (Path crd : crds.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                Map<String, Object> document = Yamls.load(Repo.read(crd), Repo.relative(crd));
                String group = Yamls.string(document, "spec.group");
                String kind = Yamls.string(document, "spec.names.kind");
                for (Map<String, Object> version : Yamls.mapsAt(document, "spec.versions")) {
                    if (Boolean.TRUE.equals(version.get("served"))) {
                        String key = group + "/" + version.get("name") + "/" + kind;
                        byKind.put(key, Yamls.mapAt(version, "schema.openAPIV3Schema"));
                        source.put(key, Repo.relative(crd));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        validator = new SchemaValidator(ref -> definitions.get(ref.substring(ref.lastIndexOf('/') + 1)) instanceof Map<?, ?> d ? Yamls.map(d) : null);
    }

    static Schemas get() {
        return INSTANCE;
    }

    static String key(Map<String, Object> document) {
        String apiVersion = String.valueOf(document.get("apiVersion"));
        String group = apiVersion.contains("/") ? apiVersion.substring(0, apiVersion.indexOf('/')) : "";
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        return group + "/" + version + "/" + document.get("kind");
    }

    boolean builtIn(Map<String, Object> document) {
        return KUBERNETES.equals(source.get(key(document)));
    }

    String sourceOf(Map<String, Object> document) {
        return source.get(key(document));
    }

    /** Everything wrong with the document by its schema; empty when it is valid. */
    List<String> validate(Map<String, Object> document) {
        Map<String, Object> schema = byKind.get(key(document));
        if (schema == null) {
            return List.of("no schema for apiVersion " + document.get("apiVersion") + ", kind " + document.get("kind")
                    + " (known: " + new TreeSet<>(byKind.keySet()).stream().filter(k -> !k.startsWith("/")).toList()
                    + "...); vendor its CRD in " + DIR + "/crds");
        }
        List<String> errors = new ArrayList<>(validator.validate(document, schema));
        if (!builtIn(document)) {
            // A CRD's schema says only 'metadata: object'; the API server checks it as ObjectMeta.
            errors.addAll(validator.validate(document.get("metadata"), Map.of("$ref", "#/definitions/" + OBJECT_META)).stream()
                    .map(e -> "metadata." + e).toList());
            if (!(document.get("metadata") instanceof Map<?, ?> m) || m.get("name") == null) {
                errors.add("metadata.name is missing");
            }
        }
        return errors;
    }

    SchemaValidator validator() {
        return validator;
    }
}
