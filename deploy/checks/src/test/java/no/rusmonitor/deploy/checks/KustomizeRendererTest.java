package no.rusmonitor.deploy.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The built-in renderer's pieces, where kubectl is absent to compare with. */
class KustomizeRendererTest {

    @Test
    void imagesKeepWhatIsNotReplaced() {
        Map<String, Object> image = Map.of("name", "rusmonitor/survey-service", "newTag", "1.2.3");
        assertEquals("rusmonitor/survey-service:1.2.3", Kustomize.replaceImage("rusmonitor/survey-service", image));
        assertEquals("rusmonitor/survey-service:1.2.3", Kustomize.replaceImage("rusmonitor/survey-service:dev", image));
        assertEquals("rusmonitor/report-service:dev", Kustomize.replaceImage("rusmonitor/report-service:dev", image));
        assertEquals("reg.example:5000/x/survey-service:1",
                Kustomize.replaceImage("rusmonitor/survey-service", Map.of("name", "rusmonitor/survey-service",
                        "newName", "reg.example:5000/x/survey-service", "newTag", "1")));
    }

    @Test
    void jsonPatchFollowsRfc6902() {
        Map<String, Object> doc = new LinkedHashMap<>(Map.of("metadata", new LinkedHashMap<>(Map.of("annotations", new LinkedHashMap<>())),
                "list", new ArrayList<>(List.of(1, 2))));
        JsonPatch.apply(doc, Map.of("op", "add", "path", "/metadata/annotations/cert-manager.io~1cluster-issuer", "value", "x"), "t");
        JsonPatch.apply(doc, Map.of("op", "add", "path", "/list/-", "value", 3), "t");
        JsonPatch.apply(doc, Map.of("op", "replace", "path", "/list/0", "value", 0), "t");
        JsonPatch.apply(doc, Map.of("op", "remove", "path", "/list/1"), "t");
        assertEquals("x", Yamls.map(Yamls.mapAt(doc, "metadata").get("annotations")).get("cert-manager.io/cluster-issuer"));
        assertEquals(List.of(0, 3), doc.get("list"));
        assertThrows(IllegalArgumentException.class, () -> JsonPatch.apply(doc, Map.of("op", "replace", "path", "/nope", "value", 1), "t"));
    }
}
