package no.rusmonitor.deploy.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every overlay renders; where kubectl is installed, its Kustomize renders exactly the same documents. */
class KustomizeRenderTest {

    @Test
    void thereAreDevAndProdOverlays() {
        assertTrue(Overlays.names().containsAll(List.of("dev", "prod")), "deploy/k8s/overlays has " + Overlays.names());
    }

    @TestFactory
    Stream<DynamicTest> everyOverlayRenders() {
        return Overlays.names().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            List<Map<String, Object>> documents = Overlays.rendered(overlay).documents();
            assertFalse(documents.isEmpty(), overlay + " renders nothing");
            for (Map<String, Object> document : documents) {
                assertTrue(document.get("apiVersion") != null && document.get("kind") != null
                        && Yamls.string(document, "metadata.name") != null,
                        overlay + ": a document without apiVersion, kind or metadata.name: " + document);
            }
        }));
    }

    /**
     * The built-in renderer is checked against kubectl wherever kubectl is installed. Without it this fails
     * rather than skip: install kubectl, or say KUBECTL=none to rely on the built-in renderer alone.
     */
    @TestFactory
    Stream<DynamicTest> kubectlRendersTheSame() {
        if ("none".equals(System.getenv("KUBECTL"))) {
            System.out.println("[deploy-checks] KUBECTL=none: overlays rendered by the built-in renderer only");
            return Stream.empty();
        }
        return Overlays.names().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            assertTrue(Kubectl.binary().isPresent(), "kubectl is not installed (or set KUBECTL=none to rely on the built-in renderer alone)");
            System.out.println("[deploy-checks] comparing with " + Kubectl.version());
            Map<String, Map<String, Object>> expected = byId(Kubectl.kustomize(Repo.path(Overlays.DIR + "/" + overlay)));
            Map<String, Map<String, Object>> actual = byId(Overlays.rendered(overlay).documents());
            assertEquals(expected.keySet(), actual.keySet(), overlay + ": kubectl and the built-in renderer render different resources");
            for (String id : expected.keySet()) {
                if (!Yamls.same(expected.get(id), actual.get(id))) {
                    fail(overlay + ": " + id + " differs between kubectl kustomize and the built-in renderer\nkubectl:  "
                            + expected.get(id) + "\nbuilt-in: " + actual.get(id));
                }
            }
        }));
    }

    private static Map<String, Map<String, Object>> byId(List<Map<String, Object>> documents) {
        return documents.stream().collect(Collectors.toMap(Kustomize::id, d -> d, (a, b) -> {
            throw new AssertionError("duplicate " + Kustomize.id(a));
        }, TreeMap::new));
    }
}
