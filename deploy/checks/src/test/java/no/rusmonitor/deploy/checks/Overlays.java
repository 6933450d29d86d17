package no.rusmonitor.deploy.checks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/** The overlays of deploy/k8s/overlays, each rendered once per test run by the built-in renderer. */
final class Overlays {

    static final String DIR = "deploy/k8s/overlays";
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    static List<String> names() {
        try (Stream<Path> dirs = Files.list(Repo.path(DIR))) {
            return dirs.filter(d -> Files.isRegularFile(d.resolve("kustomization.yaml"))).map(d -> d.getFileName().toString())
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Manifests rendered(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> new Manifests(o, Kustomize.build(Repo.path(DIR + "/" + o))));
    }

    /** One overlay's rendered documents, with lookups. */
    record Manifests(String overlay, List<Map<String, Object>> documents) {

        List<Map<String, Object>> ofKind(String kind) {
            return documents.stream().filter(d -> kind.equals(d.get("kind"))).toList();
        }

        Optional<Map<String, Object>> find(String kind, String name) {
            return ofKind(kind).stream().filter(d -> name.equals(Yamls.string(d, "metadata.name"))).findFirst();
        }

        Map<String, Object> get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError(overlay + ": no " + kind + " named " + name));
        }

        String namespace() {
            return ofKind("Namespace").stream().map(d -> Yamls.string(d, "metadata.name")).findFirst()
                    .orElseGet(() -> documents.stream().map(d -> Yamls.string(d, "metadata.namespace")).filter(n -> n != null)
                            .findFirst().orElse("default"));
        }
    }
}
