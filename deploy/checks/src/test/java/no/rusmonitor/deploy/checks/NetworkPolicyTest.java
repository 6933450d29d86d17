package no.rusmonitor.deploy.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Evaluates the rendered NetworkPolicies (plus the one Strimzi generates from the Kafka listener's
 * networkPolicyPeers) for the pods the overlay runs: each database is reachable only from its own
 * service, Kafka from the three services and its own brokers, and nothing else in the namespace reaches either; the ingress
 * controller reaches the services, and where the Ingress's certificate comes from cert-manager, its solver.
 */
class NetworkPolicyTest {

    record Pod(String what, String namespace, Map<String, Object> labels, Map<String, Integer> ports) {
    }

    @TestFactory
    Stream<DynamicTest> databasesAndKafkaAreReachableOnlyFromTheirClients() {
        return Overlays.names().stream().map(overlay -> DynamicTest.dynamicTest(overlay, () -> check(Overlays.rendered(overlay))));
    }

    private static void check(Overlays.Manifests m) {
        String ns = m.namespace();
        assertTrue(m.ofKind("NetworkPolicy").stream().anyMatch(p -> Yamls.mapAt(p, "spec.podSelector").isEmpty()
                && Yamls.listAt(p, "spec.policyTypes").contains("Ingress") && Yamls.listAt(p, "spec.ingress").isEmpty()),
                m.overlay() + ": no default-deny ingress policy");
        Map<String, Pod> services = new LinkedHashMap<>();
        for (Services.Service s : Services.ALL) {
            Map<String, Object> d = m.get("Deployment", s.name());
            Map<String, Integer> ports = new LinkedHashMap<>();
            Yamls.mapsAt(ServiceManifestsTest.container(m, s.name()), "ports")
                    .forEach(p -> ports.put(String.valueOf(p.get("name")), ((Number) p.get("containerPort")).intValue()));
            services.put(s.name(), new Pod(s.name(), ns, Yamls.mapAt(d, "spec.template.metadata.labels"), ports));
        }
        Pod stranger = new Pod("an unlabelled pod in " + ns, ns, Map.of(), Map.of());
        Pod elsewhere = new Pod("a pod in another namespace", "other", Map.of("app.kubernetes.io/name", "survey-service"), Map.of());
        List<Map<String, Object>> policies = new ArrayList<>(m.ofKind("NetworkPolicy"));
        Map<String, Object> kafka = m.get("Kafka", KafkaTopicsTest.CLUSTER);
        policies.add(strimziListenerPolicy(kafka));

        List<String> problems = new ArrayList<>();
        for (Services.Service owner : Services.ALL) {
            Map<String, Object> cluster = m.get("Cluster", owner.dbCluster());
            Pod db = new Pod(owner.dbCluster(), ns, Map.of("cnpg.io/cluster", Yamls.string(cluster, "metadata.name"), "cnpg.io/podRole", "instance",
                    "role", "primary"), Map.of("postgresql", 5432, "metrics", 9187, "status", 8000));
            for (Pod client : services.values()) {
                boolean allowed = allowed(policies, client, db, 5432);
                boolean own = client.what().equals(owner.name());
                if (allowed != own) {
                    problems.add(client.what() + (allowed ? " can" : " cannot") + " reach " + db.what() + ":5432");
                }
            }
            for (Pod other : List.of(stranger, elsewhere)) {
                if (allowed(policies, other, db, 5432)) {
                    problems.add(other.what() + " can reach " + db.what() + ":5432");
                }
            }
        }
        Pod broker = new Pod("a Kafka broker", ns, Map.of("strimzi.io/cluster", KafkaTopicsTest.CLUSTER, "strimzi.io/kind", "Kafka",
                "strimzi.io/broker-role", "true"), Map.of());
        int kafkaPort = ((Number) Yamls.mapsAt(kafka, "spec.kafka.listeners").get(0).get("port")).intValue();
        for (Pod client : services.values()) {
            if (!allowed(policies, client, broker, kafkaPort)) {
                problems.add(client.what() + " cannot reach Kafka on " + kafkaPort);
            }
        }
        // The Kafka tools an operator runs inside a broker pod (deploy/README.md) talk to every broker.
        if (!allowed(policies, broker, broker, kafkaPort)) {
            problems.add("the Kafka tools, run inside a broker pod, cannot reach the other brokers on " + kafkaPort);
        }
        if (allowed(policies, stranger, broker, kafkaPort)) {
            problems.add(stranger.what() + " can reach Kafka on " + kafkaPort);
        }
        Pod ingressController = new Pod("the ingress controller", "ingress-nginx", Map.of(), Map.of());
        for (Pod service : services.values()) {
            if (!allowed(policies, ingressController, service, service.ports().get("http"))) {
                problems.add("the ingress controller cannot reach " + service.what());
            }
        }
        // An Ingress whose certificate cert-manager gets by HTTP-01: the issuer's request reaches the solver pod through the controller.
        boolean acme = m.ofKind("Ingress").stream().anyMatch(i -> Yamls.mapAt(i, "metadata.annotations").containsKey("cert-manager.io/cluster-issuer"));
        if (acme) {
            Pod solver = new Pod("cert-manager's HTTP-01 solver", ns, Map.of("acme.cert-manager.io/http01-solver", "true"), Map.of());
            if (!allowed(policies, ingressController, solver, 8089)) {
                problems.add("the ingress controller cannot reach " + solver.what() + " on 8089");
            }
            if (allowed(policies, stranger, solver, 8089)) {
                problems.add(stranger.what() + " can reach " + solver.what());
            }
        }
        assertEquals(List.of(), problems, m.overlay() + ": network policies");
    }

    /** What Strimzi's operator generates for a listener: its port, from networkPolicyPeers (or anyone). */
    private static Map<String, Object> strimziListenerPolicy(Map<String, Object> kafka) {
        List<Object> rules = new ArrayList<>();
        for (Map<String, Object> listener : Yamls.mapsAt(kafka, "spec.kafka.listeners")) {
            Map<String, Object> rule = new LinkedHashMap<>();
            rule.put("ports", List.of(Map.of("port", listener.get("port"), "protocol", "TCP")));
            if (listener.containsKey("networkPolicyPeers")) {
                rule.put("from", listener.get("networkPolicyPeers"));
            }
            rules.add(rule);
        }
        return Map.of("metadata", Map.of("name", "(generated by Strimzi)"), "spec", Map.of("podSelector",
                Map.of("matchLabels", Map.of("strimzi.io/cluster", KafkaTopicsTest.CLUSTER, "strimzi.io/kind", "Kafka")),
                "policyTypes", List.of("Ingress"), "ingress", rules));
    }

    static boolean allowed(List<Map<String, Object>> policies, Pod from, Pod to, int port) {
        List<Map<String, Object>> selecting = policies.stream().filter(p -> Yamls.listAt(p, "spec.policyTypes").isEmpty()
                || Yamls.listAt(p, "spec.policyTypes").contains("Ingress"))
                .filter(p -> matches(Yamls.mapAt(p, "spec.podSelector"), to.labels())).toList();
        if (selecting.isEmpty()) {
            return true;
        }
        for (Map<String, Object> policy : selecting) {
            for (Map<String, Object> rule : Yamls.mapsAt(policy, "spec.ingress")) {
                boolean portOk = Yamls.listAt(rule, "ports").isEmpty() || Yamls.mapsAt(rule, "ports").stream().anyMatch(p -> {
                    Object wanted = p.get("port");
                    return wanted == null || (wanted instanceof Number n ? n.intValue() == port : to.ports().getOrDefault(String.valueOf(wanted), -1) == port);
                });
                boolean peerOk = !rule.containsKey("from") || Yamls.mapsAt(rule, "from").stream().anyMatch(peer -> peerMatches(peer, from, to));
                if (portOk && peerOk) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean peerMatches(Map<String, Object> peer, Pod from, Pod to) {
        if (peer.containsKey("ipBlock")) {
            return false;
        }
        Map<String, Object> nsSelector = Yamls.mapAt(peer, "namespaceSelector");
        boolean nsOk = peer.containsKey("namespaceSelector")
                ? matches(nsSelector, Map.of("kubernetes.io/metadata.name", from.namespace()))
                : from.namespace().equals(to.namespace());
        boolean podOk = !peer.containsKey("podSelector") || matches(Yamls.mapAt(peer, "podSelector"), from.labels());
        return nsOk && podOk;
    }

    static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
        for (Map.Entry<String, Object> e : Yamls.mapAt(selector, "matchLabels").entrySet()) {
            if (!String.valueOf(e.getValue()).equals(String.valueOf(labels.get(e.getKey())))) {
                return false;
            }
        }
        for (Map<String, Object> expression : Yamls.mapsAt(selector, "matchExpressions")) {
            Object value = labels.get(String.valueOf(expression.get("key")));
            List<String> values = Yamls.listAt(expression, "values").stream().map(String::valueOf).toList();
            boolean ok = switch (String.valueOf(expression.get("operator"))) {
                case "In" -> value != null && values.contains(String.valueOf(value));
                case "NotIn" -> value == null || !values.contains(String.valueOf(value));
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
