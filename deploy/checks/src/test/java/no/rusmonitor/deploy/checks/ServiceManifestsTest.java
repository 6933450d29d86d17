package no.rusmonitor.deploy.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Each service's Kubernetes resources, in every overlay, against the service's real configuration
 * (ServiceConfig): probe paths and ports, container port, environment variable names, database, Kafka,
 * signing key, security context, resources, graceful shutdown, Service, PDB, Ingress routes, metrics, and
 * for indicator-service the autoscaler bounded by its topic's partitions.
 */
class ServiceManifestsTest {

    @TestFactory
    Stream<DynamicNode> everyServiceInEveryOverlay() {
        return Overlays.names().stream().map(overlay -> DynamicContainer.dynamicContainer(overlay, Services.ALL.stream()
                .map(service -> {
                    ServiceConfig config = ServiceConfig.of(service);
                    Overlays.Manifests m = Overlays.rendered(overlay);
                    return DynamicContainer.dynamicContainer(config.describe(), Stream.of(
                            DynamicTest.dynamicTest("deployment", () -> deployment(m, config)),
                            DynamicTest.dynamicTest("environment", () -> environment(m, config)),
                            DynamicTest.dynamicTest("database", () -> database(m, config)),
                            DynamicTest.dynamicTest("kafka and signing keys", () -> kafkaAndKeys(m, config)),
                            DynamicTest.dynamicTest("service, disruption budget, ingress", () -> exposure(m, config)),
                            DynamicTest.dynamicTest("metrics", () -> metrics(m, config)),
                            DynamicTest.dynamicTest("autoscaling", () -> autoscaling(m, config))));
                })));
    }

    static Map<String, Object> container(Overlays.Manifests m, String service) {
        Map<String, Object> deployment = m.get("Deployment", service);
        return Yamls.mapsAt(deployment, "spec.template.spec.containers").stream()
                .filter(c -> service.equals(c.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(m.overlay() + ": Deployment " + service + " has no container named " + service));
    }

    /** The container's environment: its ConfigMaps (envFrom) then env; values or "secret:<name>/<key>". */
    static Map<String, String> env(Overlays.Manifests m, Map<String, Object> container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Map<String, Object> from : Yamls.mapsAt(container, "envFrom")) {
            String configMap = Yamls.string(from, "configMapRef.name");
            if (configMap != null) {
                Yamls.mapAt(m.get("ConfigMap", configMap), "data").forEach((k, v) -> env.put(k, String.valueOf(v)));
            }
            String secret = Yamls.string(from, "secretRef.name");
            if (secret != null) {
                throw new AssertionError(m.overlay() + ": envFrom a whole Secret (" + secret + ") hides which variables it sets");
            }
        }
        for (Map<String, Object> variable : Yamls.mapsAt(container, "env")) {
            String name = String.valueOf(variable.get("name"));
            if (variable.containsKey("value")) {
                env.put(name, String.valueOf(variable.get("value")));
            } else if (Yamls.at(variable, "valueFrom.secretKeyRef").isPresent()) {
                env.put(name, "secret:" + Yamls.string(variable, "valueFrom.secretKeyRef.name") + "/"
                        + Yamls.string(variable, "valueFrom.secretKeyRef.key"));
            } else if (Yamls.at(variable, "valueFrom.configMapKeyRef").isPresent()) {
                String cm = Yamls.string(variable, "valueFrom.configMapKeyRef.name");
                env.put(name, String.valueOf(Yamls.mapAt(m.get("ConfigMap", cm), "data")
                        .get(Yamls.string(variable, "valueFrom.configMapKeyRef.key"))));
            } else {
                env.put(name, "(from " + variable.get("valueFrom") + ")");
            }
        }
        return env;
    }

    static int httpPort(Overlays.Manifests m, ServiceConfig config) {
        String port = env(m, container(m, config.service.name())).get("QUARKUS_HTTP_PORT");
        assertNotNull(port, m.overlay() + ": " + config.service.name() + " gets no QUARKUS_HTTP_PORT");
        return Integer.parseInt(port);
    }

    private static int portNumber(Map<String, Object> container, Object port, String what) {
        if (port instanceof Number n) {
            return n.intValue();
        }
        return Yamls.mapsAt(container, "ports").stream().filter(p -> String.valueOf(port).equals(p.get("name")))
                .map(p -> ((Number) p.get("containerPort")).intValue()).findFirst()
                .orElseThrow(() -> new AssertionError(what + " names port '" + port + "', which the container does not declare"));
    }

    private static void deployment(Overlays.Manifests m, ServiceConfig config) {
        String name = config.service.name();
        String where = m.overlay() + ": " + name + ": ";
        Map<String, Object> deployment = m.get("Deployment", name);
        Map<String, Object> pod = Yamls.mapAt(deployment, "spec.template.spec");
        Map<String, Object> c = container(m, name);
        int http = httpPort(m, config);
        int management = config.managementPort(http);

        // Ports and probes, from the service's own configuration.
        assertEquals(http, portNumber(c, "http", where + "the container"), where + "the container port named http is QUARKUS_HTTP_PORT");
        if (management != http) {
            assertEquals(management, portNumber(c, "management", where + "the container"),
                    where + "the service enables the management interface (" + ServiceConfig.file(config.service)
                            + "): declare a container port named management on " + management);
        }
        Map<String, String> probes = Map.of("startupProbe", "started", "livenessProbe", "live", "readinessProbe", "ready");
        probes.forEach((probe, kind) -> {
            Map<String, Object> get = Yamls.mapAt(c, probe + ".httpGet");
            assertFalse(get.isEmpty(), where + probe + " must be an httpGet probe");
            assertEquals(config.healthPath(kind), get.get("path"), where + probe + " path (from " + config.describe() + ")");
            assertEquals(management, portNumber(c, get.get("port"), where + probe), where + probe + " port");
        });

        // Image: one per service, from the Dockerfile's build (SERVICE=<name>).
        String image = String.valueOf(c.get("image"));
        assertTrue(image.matches("(.+/)?" + name + "(:[^/]+)?(@sha256:[0-9a-f]+)?"), where + "image " + image + " is not the " + name + " image");

        // Restricted security context.
        Map<String, Object> podSecurity = Yamls.mapAt(pod, "securityContext");
        Map<String, Object> security = Yamls.mapAt(c, "securityContext");
        assertEquals(Boolean.TRUE, Optional.ofNullable(security.get("runAsNonRoot")).orElse(podSecurity.get("runAsNonRoot")), where + "runAsNonRoot");
        Object uid = Optional.ofNullable(security.get("runAsUser")).orElse(podSecurity.get("runAsUser"));
        assertEquals(DockerfileTest.imageUser(), uid == null ? null : ((Number) uid).intValue(), where + "runs as the image's user");
        assertEquals(Boolean.TRUE, security.get("readOnlyRootFilesystem"), where + "readOnlyRootFilesystem");
        assertEquals(Boolean.FALSE, security.get("allowPrivilegeEscalation"), where + "allowPrivilegeEscalation");
        assertFalse(Boolean.TRUE.equals(security.get("privileged")), where + "privileged");
        assertEquals(List.of("ALL"), Yamls.listAt(security, "capabilities.drop"), where + "drops all capabilities");
        assertTrue(Yamls.listAt(security, "capabilities.add").isEmpty(), where + "adds no capability");
        assertEquals("RuntimeDefault", Optional.ofNullable(Yamls.string(security, "seccompProfile.type"))
                .orElse(Yamls.string(podSecurity, "seccompProfile.type")), where + "seccomp profile");
        assertTrue(mountedVolume(pod, c, "/tmp").map(v -> v.containsKey("emptyDir")).orElse(false),
                where + "/tmp must be a writable emptyDir (the root filesystem is read-only)");
        assertEquals(Boolean.FALSE, pod.get("automountServiceAccountToken"), where + "no service account token is mounted");

        // Requests and limits.
        for (String path : List.of("resources.requests.cpu", "resources.requests.memory", "resources.limits.memory", "resources.limits.cpu")) {
            assertTrue(Yamls.at(c, path).isPresent(), where + path + " is missing");
        }

        // Graceful shutdown: Kubernetes waits preStop + SIGTERM handling, so the grace period must cover the
        // preStop pause, the service's own shutdown delay and timeout, and closing its Kafka clients.
        long preStop = Yamls.at(c, "lifecycle.preStop.sleep.seconds").map(v -> ((Number) v).longValue()).orElse(0L);
        assertTrue(preStop > 0, where + "a preStop pause lets endpoint removal reach the ingress before SIGTERM");
        long needed = preStop + config.shutdownDelay().map(d -> d.toSeconds()).orElse(0L)
                + config.shutdownTimeout().map(d -> d.toSeconds()).orElse(30L) + 10;
        long grace = Yamls.at(pod, "terminationGracePeriodSeconds").map(v -> ((Number) v).longValue()).orElse(30L);
        assertTrue(grace >= needed, where + "terminationGracePeriodSeconds " + grace + " < preStop " + preStop
                + " s + quarkus.shutdown.delay/timeout + 10 s for the Kafka clients = " + needed);
        if (config.present() && config.shutdownTimeout().isEmpty()) {
            System.out.println("[deploy-checks] " + config.describe() + " sets no quarkus.shutdown.timeout: requests under way are cut at SIGTERM");
        }
    }

    private static Optional<Map<String, Object>> mountedVolume(Map<String, Object> pod, Map<String, Object> container, String path) {
        return Yamls.mapsAt(container, "volumeMounts").stream().filter(v -> path.equals(v.get("mountPath"))).findFirst()
                .flatMap(mount -> Yamls.mapsAt(pod, "volumes").stream().filter(v -> mount.get("name").equals(v.get("name"))).findFirst());
    }

    private static void environment(Overlays.Manifests m, ServiceConfig config) {
        String where = m.overlay() + ": " + config.service.name() + ": ";
        Map<String, String> env = env(m, container(m, config.service.name()));
        List<String> problems = new ArrayList<>();
        config.requiredEnv().forEach((name, why) -> {
            if (!env.containsKey(name)) {
                problems.add("missing " + name + " (" + why + ")");
            }
        });
        env.forEach((name, value) -> {
            if (!config.accepts(name)) {
                problems.add(name + " means nothing to the service: no property of " + config.describe() + " maps to it");
            }
            if (name.matches(".*(PASSWORD|SECRET|TOKEN|PRIVATE).*") && !value.startsWith("secret:")) {
                problems.add(name + " must come from a Secret (secretKeyRef), not a literal or a ConfigMap");
            }
        });
        if (!problems.isEmpty()) {
            fail(where + "environment variables:\n  " + String.join("\n  ", problems));
        }
    }

    private static void database(Overlays.Manifests m, ServiceConfig config) {
        Services.Service s = config.service;
        String where = m.overlay() + ": " + s.name() + ": ";
        config.devDatabase().ifPresent(db -> assertEquals(s.database(), db,
                where + ServiceConfig.file(s) + " uses database " + db + " locally, bin/lib.sh gives it " + s.database()));
        Map<String, Object> cluster = m.get("Cluster", s.dbCluster());
        assertEquals(s.database(), Yamls.string(cluster, "spec.bootstrap.initdb.database"), where + "the database of Cluster " + s.dbCluster());
        assertEquals(s.name(), Yamls.mapAt(cluster, "metadata.labels").get("rusmonitor.no/database-of"), where + "Cluster label database-of");
        Map<String, String> env = env(m, container(m, s.name()));
        String host = s.dbCluster() + "-rw";
        assertEquals("postgresql://" + host + ":5432/" + s.database(), env.get("QUARKUS_DATASOURCE_REACTIVE_URL"), where + "reactive URL");
        assertEquals("jdbc:postgresql://" + host + ":5432/" + s.database(), env.get("QUARKUS_DATASOURCE_JDBC_URL"), where + "JDBC URL");
        assertEquals("secret:" + s.dbCluster() + "-app/username", env.get("QUARKUS_DATASOURCE_USERNAME"), where + "database user");
        assertEquals("secret:" + s.dbCluster() + "-app/password", env.get("QUARKUS_DATASOURCE_PASSWORD"), where + "database password");
    }

    private static void kafkaAndKeys(Overlays.Manifests m, ServiceConfig config) {
        String name = config.service.name();
        String where = m.overlay() + ": " + name + ": ";
        Map<String, String> env = env(m, container(m, name));
        Map<String, Object> kafka = m.get("Kafka", KafkaTopicsTest.CLUSTER);
        Map<String, Object> plain = Yamls.mapsAt(kafka, "spec.kafka.listeners").stream().filter(l -> Boolean.FALSE.equals(l.get("tls"))
                && "internal".equals(l.get("type"))).findFirst().orElseThrow(() -> new AssertionError(where + "Kafka has no internal plain listener"));
        assertEquals(KafkaTopicsTest.CLUSTER + "-kafka-bootstrap:" + plain.get("port"), env.get("KAFKA_BOOTSTRAP_SERVERS"), where + "KAFKA_BOOTSTRAP_SERVERS");
        assertEquals("true", Yamls.mapAt(m.get("Deployment", name), "spec.template.metadata.labels").get("rusmonitor.no/kafka-client"),
                where + "pods carry the label the Kafka listener's network policy admits");

        String key = env.get("MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        assertNotNull(key, where + "MP_JWT_VERIFY_PUBLICKEY_LOCATION");
        Map<String, Object> pod = Yamls.mapAt(m.get("Deployment", name), "spec.template.spec");
        Map<String, Object> mount = Yamls.mapsAt(container(m, name), "volumeMounts").stream()
                .filter(v -> key.startsWith(v.get("mountPath") + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(where + key + " is not inside a mounted volume"));
        Map<String, Object> volume = Yamls.mapsAt(pod, "volumes").stream().filter(v -> mount.get("name").equals(v.get("name"))).findFirst().orElseThrow();
        assertNotNull(Yamls.string(volume, "secret.secretName"), where + "the signing keys come from a Secret");
        assertEquals(Boolean.TRUE, mount.get("readOnly"), where + "the keys are mounted read-only");
    }

    private static void exposure(Overlays.Manifests m, ServiceConfig config) {
        String name = config.service.name();
        String where = m.overlay() + ": " + name + ": ";
        Map<String, Object> labels = Yamls.mapAt(m.get("Deployment", name), "spec.template.metadata.labels");
        Map<String, Object> service = m.get("Service", name);
        assertTrue(selects(Yamls.mapAt(service, "spec.selector"), labels), where + "the Service selects the pods");
        Map<String, Object> port = Yamls.mapsAt(service, "spec.ports").stream().filter(p -> "http".equals(p.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError(where + "the Service has no port named http"));
        assertEquals(httpPort(m, config), portNumber(container(m, name), port.get("targetPort"), where + "Service targetPort"), where + "Service targetPort");

        Map<String, Object> pdb = m.get("PodDisruptionBudget", name);
        assertTrue(selects(Yamls.mapAt(pdb, "spec.selector.matchLabels"), labels), where + "the PodDisruptionBudget selects the pods");

        // Every resource class's root path reaches this service through the Ingress (longest prefix wins).
        for (String root : config.jaxrsRoots()) {
            String literal = root.replaceFirst("/?\\{.*$", "");
            assertEquals(name, IngressRoutes.of(m).serviceFor(literal), where + "the Ingress sends " + literal + " (@Path " + root + ") elsewhere");
        }
        if (name.equals("indicator-service")) {
            for (String page : dashboardPaths()) {
                assertEquals(name, IngressRoutes.of(m).serviceFor(page), where + "the Ingress sends " + page + " (the dashboard) elsewhere");
            }
        }
        // Metrics, health details and the API documents are the cluster's, not the public's.
        for (String internal : List.of(config.metricsPath(), config.healthPath("ready"), "/q/health/well", "/q/openapi", "/q/swagger-ui/index.html")) {
            assertNull(IngressRoutes.of(m).serviceFor(internal), where + "the Ingress exposes " + internal);
        }
    }

    /** The dashboard's page, every file it is made of, and the chart library it loads. */
    private static List<String> dashboardPaths() {
        Path root = Repo.path("indicator-service/src/main/resources/META-INF/resources");
        List<String> paths = new ArrayList<>(List.of("/", "/webjars/echarts/dist/echarts.min.js"));
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(Files::isRegularFile).forEach(f -> paths.add("/" + root.relativize(f).toString().replace('\\', '/')));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return paths;
    }

    private static void metrics(Overlays.Manifests m, ServiceConfig config) {
        String name = config.service.name();
        String where = m.overlay() + ": " + name + ": ";
        Map<String, Object> annotations = Yamls.mapAt(m.get("Deployment", name), "spec.template.metadata.annotations");
        int metricsPort = config.managementPort(httpPort(m, config));
        assertEquals(config.metricsPath(), annotations.get("prometheus.io/path"), where + "prometheus.io/path");
        assertEquals(String.valueOf(metricsPort), annotations.get("prometheus.io/port"), where + "prometheus.io/port");
        m.find("ServiceMonitor", name).ifPresent(monitor -> {
            Map<String, Object> endpoint = Yamls.mapsAt(monitor, "spec.endpoints").get(0);
            assertEquals(config.metricsPath(), endpoint.get("path"), where + "ServiceMonitor path");
            assertTrue(selects(Yamls.mapAt(monitor, "spec.selector.matchLabels"), Yamls.mapAt(m.get("Service", name), "metadata.labels")),
                    where + "the ServiceMonitor selects the Service");
            Map<String, Object> servicePort = Yamls.mapsAt(m.get("Service", name), "spec.ports").stream()
                    .filter(p -> endpoint.get("port").equals(p.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError(where + "ServiceMonitor port " + endpoint.get("port") + " is not a Service port"));
            assertEquals(metricsPort, portNumber(container(m, name), servicePort.get("targetPort"), where + "ServiceMonitor"), where + "metrics port");
        });
    }

    private static void autoscaling(Overlays.Manifests m, ServiceConfig config) {
        String name = config.service.name();
        String where = m.overlay() + ": " + name + ": ";
        Optional<Map<String, Object>> hpa = m.find("HorizontalPodAutoscaler", name);
        if (!name.equals("indicator-service")) {
            return;
        }
        Map<String, Object> autoscaler = hpa.orElseThrow(() -> new AssertionError(where + "no HorizontalPodAutoscaler"));
        assertEquals("Deployment", Yamls.string(autoscaler, "spec.scaleTargetRef.kind"), where + "HPA target kind");
        assertEquals(name, Yamls.string(autoscaler, "spec.scaleTargetRef.name"), where + "HPA target");
        assertFalse(Yamls.at(m.get("Deployment", name), "spec.replicas").isPresent(),
                where + "the Deployment sets replicas, which every apply would reset under the autoscaler");
        // A consumer group spreads over a topic's partitions: more consumers than partitions idle.
        List<String> consumed = new ArrayList<>(config.topics().getOrDefault("incoming", java.util.Set.of()));
        if (consumed.isEmpty()) {
            consumed.add("rusmonitor.submissions.v1");
        }
        Topics topics = Topics.load();
        int bound = consumed.stream().mapToInt(t -> topics.get(t).map(Topics.Topic::partitions)
                .orElseThrow(() -> new AssertionError(where + "consumes " + t + ", which " + Topics.FILE + " does not list"))).min().orElseThrow();
        int max = ((Number) Yamls.at(autoscaler, "spec.maxReplicas").orElseThrow()).intValue();
        int min = Yamls.at(autoscaler, "spec.minReplicas").map(v -> ((Number) v).intValue()).orElse(1);
        assertTrue(max <= bound, where + "maxReplicas " + max + " exceeds the " + bound + " partitions of " + consumed + " in " + Topics.FILE);
        assertTrue(min >= 1 && min <= max, where + "minReplicas " + min + " must be between 1 and maxReplicas " + max);
    }

    static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && selector.entrySet().stream().allMatch(e -> String.valueOf(e.getValue()).equals(String.valueOf(labels.get(e.getKey()))));
    }
}
