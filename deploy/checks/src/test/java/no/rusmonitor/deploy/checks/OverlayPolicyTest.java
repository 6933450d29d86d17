package no.rusmonitor.deploy.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** What each overlay promises: Kafka replication that its brokers can hold, and production's durability. */
class OverlayPolicyTest {

    private static int replicas(Map<String, Object> resource) {
        return Yamls.at(resource, "spec.replicas").map(v -> ((Number) v).intValue()).orElse(1);
    }

    private static int nodes(Overlays.Manifests m, String role) {
        return m.ofKind("KafkaNodePool").stream().filter(p -> Yamls.listAt(p, "spec.roles").contains(role))
                .filter(p -> KafkaTopicsTest.CLUSTER.equals(Yamls.mapAt(p, "metadata.labels").get("strimzi.io/cluster")))
                .mapToInt(OverlayPolicyTest::replicas).sum();
    }

    private static int config(Map<String, Object> source, String key) {
        return Integer.parseInt(String.valueOf(source.get(key)));
    }

    @TestFactory
    Stream<DynamicTest> kafkaReplicationFitsTheBrokers() {
        return Overlays.names().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> {
            Overlays.Manifests m = Overlays.rendered(overlay);
            int brokers = nodes(m, "broker");
            int controllers = nodes(m, "controller");
            assertTrue(brokers >= 1 && controllers >= 1, overlay + ": KafkaNodePools give " + brokers + " brokers, " + controllers + " controllers");
            assertEquals(1, controllers % 2, overlay + ": an odd number of KRaft controllers keeps a quorum");
            Map<String, Object> kafkaConfig = Yamls.mapAt(m.get("Kafka", KafkaTopicsTest.CLUSTER), "spec.kafka.config");
            assertEquals(Boolean.FALSE, kafkaConfig.get("auto.create.topics.enable"), overlay + ": topics are never auto-created");
            for (String key : List.of("default.replication.factor", "offsets.topic.replication.factor", "transaction.state.log.replication.factor")) {
                assertTrue(config(kafkaConfig, key) <= brokers, overlay + ": " + key + " exceeds the " + brokers + " brokers");
            }
            for (Map<String, Object> topic : m.ofKind("KafkaTopic")) {
                int rf = replicas(topic);
                int isr = config(Yamls.mapAt(topic, "spec.config"), "min.insync.replicas");
                assertTrue(rf <= brokers, overlay + ": " + Yamls.string(topic, "metadata.name") + " wants " + rf + " replicas on " + brokers + " brokers");
                assertTrue(isr <= rf, overlay + ": " + Yamls.string(topic, "metadata.name") + " min.insync.replicas " + isr + " > replicas " + rf);
            }
        }));
    }

    @Test
    void productionIsDurable() {
        Overlays.Manifests m = Overlays.rendered("prod");
        for (Map<String, Object> topic : m.ofKind("KafkaTopic")) {
            String name = Yamls.string(topic, "metadata.name");
            assertEquals(3, replicas(topic), "prod: " + name + " has 3 replicas");
            assertEquals(2, config(Yamls.mapAt(topic, "spec.config"), "min.insync.replicas"), "prod: " + name + " min.insync.replicas 2");
        }
        Map<String, Object> kafkaConfig = Yamls.mapAt(m.get("Kafka", KafkaTopicsTest.CLUSTER), "spec.kafka.config");
        assertEquals(3, config(kafkaConfig, "default.replication.factor"), "prod: default.replication.factor");
        assertEquals(2, config(kafkaConfig, "min.insync.replicas"), "prod: min.insync.replicas");
        assertTrue(nodes(m, "broker") >= 3, "prod: at least 3 brokers");
        assertEquals(3, nodes(m, "controller"), "prod: 3 KRaft controllers");

        for (Services.Service s : Services.ALL) {
            Map<String, Object> cluster = m.get("Cluster", s.dbCluster());
            assertTrue(((Number) Yamls.at(cluster, "spec.instances").orElseThrow()).intValue() >= 3, "prod: " + s.dbCluster() + " has 3 instances");
            Map<String, Object> plugin = Yamls.mapsAt(cluster, "spec.plugins").stream()
                    .filter(p -> "barman-cloud.cloudnative-pg.io".equals(p.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("prod: " + s.dbCluster() + " has no backup (Barman Cloud plugin)"));
            assertEquals(Boolean.TRUE, plugin.get("isWALArchiver"), "prod: " + s.dbCluster() + " archives its WAL");
            String store = Yamls.string(plugin, "parameters.barmanObjectName");
            Map<String, Object> objectStore = m.get("ObjectStore", store);
            assertTrue(Yamls.string(objectStore, "spec.configuration.destinationPath").startsWith("s3://"), "prod: backups go to S3");
            assertTrue(Yamls.string(objectStore, "spec.configuration.s3Credentials.accessKeyId.name") != null
                    && Yamls.string(objectStore, "spec.configuration.s3Credentials.secretAccessKey.name") != null,
                    "prod: S3 credentials come from a Secret");
            assertTrue(Yamls.string(objectStore, "spec.retentionPolicy") != null, "prod: backups have a retention policy");
            assertTrue(m.ofKind("ScheduledBackup").stream().anyMatch(b -> s.dbCluster().equals(Yamls.string(b, "spec.cluster.name"))
                    && "plugin".equals(Yamls.string(b, "spec.method"))), "prod: " + s.dbCluster() + " has a scheduled base backup");
        }

        for (Services.Service s : Services.ALL) {
            Map<String, Object> d = m.get("Deployment", s.name());
            String image = String.valueOf(ServiceManifestsTest.container(m, s.name()).get("image"));
            assertTrue(image.contains("/") && image.contains(":") && !image.endsWith(":latest") && !image.endsWith(":dev"),
                    "prod: " + s.name() + " runs a pinned release image from a registry, not " + image);
            int wanted = Yamls.at(d, "spec.replicas").map(v -> ((Number) v).intValue()).orElseGet(() -> ((Number) Yamls.at(
                    m.get("HorizontalPodAutoscaler", s.name()), "spec.minReplicas").orElseThrow()).intValue());
            assertTrue(wanted >= 2, "prod: " + s.name() + " runs at least 2 pods");
            Object maxUnavailable = Yamls.at(m.get("PodDisruptionBudget", s.name()), "spec.maxUnavailable").orElse(null);
            assertTrue(maxUnavailable instanceof Number n && n.intValue() < wanted, "prod: a drain keeps one " + s.name() + " pod");
        }
        Map<String, Object> ingress = m.get("Ingress", "rusmonitor");
        assertFalse(Yamls.listAt(ingress, "spec.tls").isEmpty(), "prod: the Ingress has TLS");
        assertTrue(m.ofKind("ServiceMonitor").size() >= Services.ALL.size(), "prod: a ServiceMonitor per service");
    }
}
