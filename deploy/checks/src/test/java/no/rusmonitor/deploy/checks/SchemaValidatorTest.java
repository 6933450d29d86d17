package no.rusmonitor.deploy.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;

/** The validation bites: each of these broken manifests is refused, with a message naming the field. */
class SchemaValidatorTest {

    private static Map<String, Object> copyOf(String overlay, String kind, String name) {
        return Yamls.map(Yamls.copy(Overlays.rendered(overlay).get(kind, name)));
    }

    private static List<String> errorsAfter(String kind, String name, Consumer<Map<String, Object>> breakIt) {
        Map<String, Object> document = copyOf("prod", kind, name);
        assertEquals(List.of(), Schemas.get().validate(document), "the unbroken " + kind + " must be valid");
        breakIt.accept(document);
        return Schemas.get().validate(document);
    }

    private static Map<String, Object> container(Map<String, Object> deployment) {
        return Yamls.mapsAt(deployment, "spec.template.spec.containers").get(0);
    }

    private static void assertMentions(List<String> errors, String text) {
        assertTrue(errors.stream().anyMatch(e -> e.contains(text)), "expected an error mentioning '" + text + "', got " + errors);
    }

    @Test
    void aMisspelledFieldIsRefused() {
        assertMentions(errorsAfter("Deployment", "survey-service", d -> container(d).put("imagePullPolcy", "Always")),
                "spec.template.spec.containers[0].imagePullPolcy: unknown field");
    }

    @Test
    void aWrongTypeIsRefused() {
        assertMentions(errorsAfter("Deployment", "survey-service", d -> Yamls.map(d.get("spec")).put("replicas", "2")),
                "spec.replicas: expected integer");
    }

    @Test
    void aMissingRequiredFieldIsRefused() {
        assertMentions(errorsAfter("Deployment", "survey-service", d -> container(d).remove("name")),
                "required field 'name' is missing");
    }

    @Test
    void portsAcceptNamesAndNumbersButNotObjects() {
        assertMentions(errorsAfter("Service", "survey-service",
                s -> Yamls.mapsAt(s, "spec.ports").get(0).put("targetPort", Map.of("port", 8080))), "expected an integer or a string");
    }

    @Test
    void customResourcesAreCheckedAgainstTheirCrd() {
        assertMentions(errorsAfter("KafkaTopic", "rusmonitor.submissions.v1", t -> Yamls.map(t.get("spec")).put("partitions", 0)),
                "below the minimum 1");
        assertMentions(errorsAfter("Kafka", "rusmonitor-kafka", k -> Yamls.map(Yamls.map(k.get("spec")).get("kafka")).put("replicas", 3)),
                "spec.kafka.replicas: unknown field");
        assertMentions(errorsAfter("Kafka", "rusmonitor-kafka",
                k -> Yamls.mapsAt(k, "spec.kafka.listeners").get(0).put("type", "public")), "is not one of");
        assertMentions(errorsAfter("Cluster", "survey-db", c -> Yamls.map(c.get("spec")).put("instances", "3")),
                "spec.instances: expected integer");
        assertMentions(errorsAfter("ObjectStore", "rusmonitor-backups", o -> Yamls.map(Yamls.map(o.get("spec")).get("configuration"))
                .remove("destinationPath")), "required field 'destinationPath'");
        assertMentions(errorsAfter("ServiceMonitor", "survey-service", m -> Yamls.map(m.get("spec")).put("endpoint", List.of())),
                "spec.endpoint: unknown field");
    }

    @Test
    void metadataOfCustomResourcesIsCheckedToo() {
        assertMentions(errorsAfter("KafkaTopic", "rusmonitor.submissions.v1", t -> Yamls.map(t.get("metadata")).put("label", Map.of())),
                "metadata.label: unknown field");
    }

    @Test
    void anUnknownKindHasNoSchema() {
        assertMentions(Schemas.get().validate(Map.of("apiVersion", "example.com/v1", "kind", "Widget", "metadata", Map.of("name", "w"))),
                "no schema for apiVersion example.com/v1");
    }

    @Test
    void theTypedModelRefusesWhatItDoesNotKnow() {
        Map<String, Object> deployment = copyOf("dev", "Deployment", "report-service");
        Typed.parse(deployment);
        container(deployment).put("livenesProbe", Map.of());
        AssertionError error = assertThrows(AssertionError.class, () -> Typed.parse(deployment));
        assertTrue(error.getMessage().contains("livenesProbe"), error.getMessage());

        Map<String, Object> service = copyOf("dev", "Service", "report-service");
        Yamls.mapsAt(service, "spec.ports").get(0).put("port", "8080");
        AssertionError coerced = assertThrows(AssertionError.class, () -> Typed.parse(service));
        assertTrue(coerced.getMessage().contains("spec.ports[0].port"), coerced.getMessage());
    }
}
