package no.rusmonitor.deploy.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * deploy/kafka-topics.csv is the one list of topics: it is well formed, the Strimzi KafkaTopic resources
 * are generated from it, every topic a service's configuration names is on it, and docs/events agrees.
 */
class KafkaTopicsTest {

    static final String TOPICS_YAML = "deploy/k8s/base/kafka/topics.yaml";
    static final String CLUSTER = "rusmonitor-kafka";

    @Test
    void theListIsWellFormed() {
        Topics topics = Topics.load();
        assertEquals(List.of(), topics.problems(), Topics.FILE + " has problems");
        assertTrue(!topics.all().isEmpty(), Topics.FILE + " lists no topic");
    }

    /** The KafkaTopic resources of deploy/k8s, as made from the CSV. */
    static String generate(Topics topics) {
        StringBuilder out = new StringBuilder();
        out.append("# GENERATED from deploy/kafka-topics.csv: do not edit. After changing the CSV, regenerate with\n")
                .append("#   ./mvnw -q -pl deploy/checks test -Dtest=KafkaTopicsTest -Drusmonitor.regenerate=true\n")
                .append("# (deploy/checks fails the build while this file and the CSV disagree). Production replication; the dev\n")
                .append("# overlay lowers it to its single broker.\n");
        boolean first = true;
        for (Topics.Topic topic : topics.all()) {
            if (!first) {
                out.append("---\n");
            }
            first = false;
            String name = topic.name().toLowerCase().replaceAll("[^a-z0-9.-]", "-");
            out.append("apiVersion: kafka.strimzi.io/v1\n")
                    .append("kind: KafkaTopic\n")
                    .append("metadata:\n")
                    .append("  name: ").append(name).append('\n')
                    .append("  labels:\n")
                    .append("    strimzi.io/cluster: ").append(CLUSTER).append('\n')
                    .append("    app.kubernetes.io/part-of: rusmonitor\n")
                    .append("    rusmonitor.no/owner: ").append(topic.owner()).append('\n')
                    .append("spec:\n")
                    .append("  topicName: ").append(topic.name()).append('\n')
                    .append("  partitions: ").append(topic.partitions()).append('\n')
                    .append("  replicas: 3\n")
                    .append("  config:\n")
                    .append("    retention.ms: ").append(topic.retentionMs()).append('\n')
                    .append("    min.insync.replicas: 2\n");
        }
        return out.toString();
    }

    @Test
    void theKafkaTopicResourcesAreMadeFromTheList() throws IOException {
        String expected = generate(Topics.load());
        if (Boolean.getBoolean("rusmonitor.regenerate")) {
            Files.writeString(Repo.path(TOPICS_YAML), expected, StandardCharsets.UTF_8);
        }
        String actual = Repo.read(TOPICS_YAML);
        if (!expected.equals(actual)) {
            fail(TOPICS_YAML + " does not match " + Topics.FILE + ". Regenerate it with\n"
                    + "  ./mvnw -q -pl deploy/checks test -Dtest=KafkaTopicsTest -Drusmonitor.regenerate=true\n"
                    + "It should read:\n" + expected);
        }
    }

    @TestFactory
    Stream<DynamicTest> everyOverlayHasExactlyTheListedTopics() {
        Topics topics = Topics.load();
        return Overlays.names().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            Overlays.Manifests manifests = Overlays.rendered(overlay);
            Set<String> rendered = new TreeSet<>();
            for (Map<String, Object> topic : manifests.ofKind("KafkaTopic")) {
                String name = Yamls.string(topic, "spec.topicName");
                rendered.add(name);
                Topics.Topic listed = topics.get(name).orElseThrow(() -> new AssertionError(overlay + ": KafkaTopic " + name
                        + " is not in " + Topics.FILE));
                assertEquals(listed.partitions(), ((Number) Yamls.at(topic, "spec.partitions").orElseThrow()).intValue(),
                        overlay + ": partitions of " + name);
                assertEquals(String.valueOf(listed.retentionMs()), String.valueOf(Yamls.mapAt(topic, "spec.config").get("retention.ms")),
                        overlay + ": retention.ms of " + name);
                assertEquals(CLUSTER, Yamls.mapAt(topic, "metadata.labels").get("strimzi.io/cluster"), overlay + ": " + name + " names its cluster");
                manifests.get("Kafka", CLUSTER);
            }
            assertEquals(new TreeSet<>(topics.all().stream().map(Topics.Topic::name).toList()), rendered,
                    overlay + ": the KafkaTopic resources are not the topics of " + Topics.FILE);
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyTopicAServiceUsesIsListed() {
        Topics topics = Topics.load();
        return Services.ALL.stream().map(service -> DynamicTest.dynamicTest(service.name(), () -> {
            ServiceConfig config = ServiceConfig.of(service);
            if (!config.present()) {
                System.out.println("[deploy-checks] " + config.describe() + ": its topics are checked when its module exists");
                return;
            }
            List<String> missing = new ArrayList<>();
            for (String topic : config.allTopics()) {
                if (topics.get(topic).isEmpty()) {
                    missing.add(topic);
                }
            }
            assertEquals(List.of(), missing, config.describe() + " uses topics that " + Topics.FILE
                    + " does not list (auto-creation is off, so they would not exist): add a row for each");
            for (String produced : config.topics().getOrDefault("outgoing", Set.of())) {
                Topics.Topic topic = topics.get(produced).orElseThrow();
                if (!topic.owner().equals(service.name())) {
                    System.out.println("[deploy-checks] note: " + service.name() + " writes to " + produced + ", owned by " + topic.owner());
                }
            }
            for (Topics.Topic owned : topics.all()) {
                if (owned.owner().equals(service.name())) {
                    assertTrue(config.allTopics().contains(owned.name()), Topics.FILE + " says " + service.name() + " owns "
                            + owned.name() + ", but its configuration never names that topic");
                }
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> consumerGroupsAreNamedAfterTheirService() {
        return Services.ALL.stream().map(service -> DynamicTest.dynamicTest(service.name(), () -> {
            ServiceConfig config = ServiceConfig.of(service);
            // deploy/README.md tells operators to reset and inspect the groups by these names.
            config.consumerGroups().forEach((channel, group) -> assertEquals(service.name(), group,
                    config.describe() + ": incoming channel " + channel + " consumes as group " + group
                            + "; deploy/README.md (scaling, rebuilds) expects the group to be named after the service"));
        }));
    }

    @Test
    void theEventContractAgreesWithTheList() {
        Topics topics = Topics.load();
        String asyncapi = Repo.read("docs/events/asyncapi.yaml");
        Matcher channel = Pattern.compile("(?m)^\\s+address: (\\S+)\\s*\\n\\s+description: \\|\\n((?:\\s{6,}.*\\n)+)").matcher(asyncapi);
        List<String> problems = new ArrayList<>();
        List<String> documented = new ArrayList<>();
        while (channel.find()) {
            String name = channel.group(1);
            documented.add(name);
            Matcher partitions = Pattern.compile("Partitions: (\\d+)").matcher(channel.group(2));
            Matcher owner = Pattern.compile("published by ([a-z-]+)|([a-z-]+-service) publishes").matcher(channel.group(2));
            if (topics.get(name).isEmpty()) {
                String by = owner.find() ? (owner.group(1) != null ? owner.group(1) : owner.group(2)) : null;
                boolean ownerPresent = by != null && Services.get(by).map(s -> ServiceConfig.of(s).present()).orElse(true);
                if (ownerPresent) {
                    problems.add("docs/events/asyncapi.yaml documents " + name + " but " + Topics.FILE + " does not list it");
                } else {
                    System.out.println("[deploy-checks] " + name + " (docs/events) is not in " + Topics.FILE + " yet; its owner "
                            + by + " does not exist yet");
                }
            } else if (partitions.find() && Integer.parseInt(partitions.group(1)) != topics.get(name).get().partitions()) {
                problems.add("docs/events/asyncapi.yaml gives " + name + " " + partitions.group(1) + " partitions, "
                        + Topics.FILE + " " + topics.get(name).get().partitions());
            }
        }
        for (Topics.Topic topic : topics.all()) {
            if (!documented.contains(topic.name())) {
                problems.add(Topics.FILE + " lists " + topic.name() + " but docs/events/asyncapi.yaml does not document it");
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void localAndComposeTopicCreationReadTheList() {
        assertTrue(Repo.read("bin/lib.sh").contains("deploy/kafka-topics.csv"), "bin/lib.sh creates the topics of the CSV");
        assertTrue(Repo.read("deploy/compose/create-topics.sh").contains("/topics.csv"), "create-topics.sh reads the mounted CSV");
        assertTrue(Repo.read("docker-compose.yml").contains("./deploy/kafka-topics.csv:/topics.csv:ro"),
                "docker-compose.yml mounts the CSV into kafka-topics");
    }
}
