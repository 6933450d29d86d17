package no.rusmonitor.deploy.checks;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every rendered document is valid: Kubernetes' own kinds parse into the fabric8 model without unknown or
 * mistyped fields and validate against the Kubernetes 1.30 OpenAPI schema; custom resources validate
 * against their operator's CRD schema. No document is a Secret (credentials are never committed).
 */
class ManifestSchemaTest {

    @TestFactory
    Stream<DynamicNode> everyDocumentIsValid() {
        return Overlays.names().stream().map(overlay -> DynamicContainer.dynamicContainer(overlay,
                Overlays.rendered(overlay).documents().stream().map(document -> DynamicTest.dynamicTest(
                        document.get("kind") + " " + Yamls.string(document, "metadata.name"), () -> check(overlay, document)))));
    }

    private static void check(String overlay, Map<String, Object> document) {
        String what = overlay + ": " + document.get("apiVersion") + " " + document.get("kind") + " "
                + Yamls.string(document, "metadata.name");
        List<String> problems = new ArrayList<>();
        String name = Yamls.string(document, "metadata.name");
        if (name == null || !name.matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
            problems.add("metadata.name '" + name + "' is not a valid Kubernetes name");
        }
        if ("Secret".equals(document.get("kind"))) {
            problems.add("a Secret in the manifests: credentials are created in the cluster (deploy/README.md), never committed");
        }
        problems.addAll(Schemas.get().validate(document));
        if (Schemas.get().builtIn(document)) {
            try {
                Typed.parse(document);
            } catch (AssertionError e) {
                problems.add("fabric8 model: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            fail(what + " (schema " + Schemas.get().sourceOf(document) + "):\n  " + String.join("\n  ", problems));
        }
        assertTrue(true);
    }
}
