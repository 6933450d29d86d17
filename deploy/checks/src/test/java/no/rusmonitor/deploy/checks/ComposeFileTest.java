package no.rusmonitor.deploy.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
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
 * docker-compose.yml: well formed (dependencies, volumes, mounted files, health checks), and each service's
 * container against its real configuration, bin/lib.sh (ports, databases), the PostgreSQL init script and
 * the topic list.
 */
class ComposeFileTest {

    static final String FILE = "docker-compose.yml";
    static final Map<String, Object> COMPOSE = Yamls.load(Repo.read(FILE), FILE);

    static Map<String, Object> services() {
        return Yamls.mapAt(COMPOSE, "services");
    }

    static Map<String, Object> service(String name) {
        Object s = services().get(name);
        if (s == null) {
            throw new AssertionError(FILE + " has no service " + name);
        }
        return Yamls.map(s);
    }

    /** Compose's ${VAR:-default} as it reads with no such variable set. */
    static String interpolate(String value) {
        return value.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
    }

    static Map<String, String> environment(Map<String, Object> service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service.get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? null : interpolate(String.valueOf(v))));
        } else if (raw instanceof List<?> list) {
            list.forEach(e -> {
                String[] kv = String.valueOf(e).split("=", 2);
                env.put(kv[0], kv.length > 1 ? interpolate(kv[1]) : null);
            });
        }
        return env;
    }

    @Test
    void theFileIsWellFormed() {
        List<String> problems = new ArrayList<>();
        Set<String> volumes = Yamls.mapAt(COMPOSE, "volumes").keySet();
        Set<String> conditions = Set.of("service_started", "service_healthy", "service_completed_successfully");
        services().forEach((name, raw) -> {
            Map<String, Object> s = Yamls.map(raw);
            if (!s.containsKey("image") && !s.containsKey("build")) {
                problems.add(name + ": neither image nor build");
            }
            Object dependsOn = s.get("depends_on");
            Map<String, Object> deps = dependsOn instanceof Map<?, ?> d ? Yamls.map(d) : new LinkedHashMap<>();
            if (dependsOn instanceof List<?> l) {
                l.forEach(x -> deps.put(String.valueOf(x), Map.of("condition", "service_started")));
            }
            deps.forEach((target, how) -> {
                if (!services().containsKey(target)) {
                    problems.add(name + " depends on " + target + ", which is not a service");
                    return;
                }
                String condition = Yamls.string(how, "condition");
                if (!conditions.contains(condition)) {
                    problems.add(name + " depends on " + target + " with condition " + condition);
                }
                if ("service_healthy".equals(condition) && !service(target).containsKey("healthcheck")) {
                    problems.add(name + " waits for " + target + " to be healthy, but " + target + " has no healthcheck");
                }
                if ("service_completed_successfully".equals(condition) && !"no".equals(String.valueOf(service(target).get("restart")))) {
                    problems.add(name + " waits for " + target + " to complete, but " + target + " restarts");
                }
                Object targetProfiles = service(target).get("profiles");
                if (targetProfiles != null && s.get("profiles") == null) {
                    problems.add(name + " (always started) depends on " + target + ", which only runs in profiles " + targetProfiles);
                }
            });
            for (Object volume : Yamls.listAt(s, "volumes")) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith("./") || source.startsWith("../")) {
                    if (!Repo.exists(source.substring(2))) {
                        problems.add(name + " mounts " + source + ", which does not exist");
                    }
                } else if (!volumes.contains(source)) {
                    problems.add(name + " uses volume " + source + ", which is not declared under volumes:");
                }
            }
            Map<String, Object> build = Yamls.mapAt(s, "build");
            if (!build.isEmpty() && !Repo.exists(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")))) {
                problems.add(name + " builds with " + build.get("dockerfile") + ", which does not exist");
            }
            if (!build.isEmpty() && build.get("target") != null
                    && !Repo.read(String.valueOf(build.get("dockerfile"))).contains(" AS " + build.get("target") + "\n")) {
                problems.add(name + " builds target " + build.get("target") + ", which the Dockerfile does not have");
            }
        });
        Set<String> hostPorts = new TreeSet<>();
        services().values().forEach(s -> Yamls.listAt(s, "ports").forEach(p -> {
            String host = String.valueOf(p).split(":")[0];
            if (!hostPorts.add(host)) {
                problems.add("host port " + host + " is published twice");
            }
        }));
        assertEquals(List.of(), problems, FILE);
    }

    @TestFactory
    Stream<DynamicTest> everyServiceMatchesItsConfiguration() {
        return Services.ALL.stream().map(s -> DynamicTest.dynamicTest(s.name(), () -> {
            ServiceConfig config = ServiceConfig.of(s);
            Map<String, Object> svc = service(s.name());
            Map<String, String> env = environment(svc);
            List<String> problems = new ArrayList<>();
            config.requiredEnv().forEach((name, why) -> {
                if (!env.containsKey(name)) {
                    problems.add("missing " + name + " (" + why + ")");
                }
            });
            env.keySet().stream().filter(e -> !config.accepts(e)).forEach(e -> problems.add(e + " means nothing to " + config.describe()));

            int port = Integer.parseInt(env.getOrDefault("QUARKUS_HTTP_PORT", String.valueOf(DockerfileTest.exposedPort())));
            List<String> ports = Yamls.listAt(svc, "ports").stream().map(String::valueOf).toList();
            if (!ports.contains(s.devPort() + ":" + port)) {
                problems.add("publish " + s.devPort() + ":" + port + " (bin/run's port for " + s.name() + "), not " + ports);
            }
            String health = String.join(" ", Yamls.listAt(svc, "healthcheck.test").stream().map(String::valueOf).toList());
            if (!health.contains(config.healthPath("ready")) || !health.contains("/" + config.managementPort(port) + " ")) {
                problems.add("the healthcheck must ask " + config.healthPath("ready") + " on port " + config.managementPort(port) + ": " + health);
            }
            for (String url : List.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL")) {
                if (env.get(url) != null && !env.get(url).matches("(jdbc:)?postgresql://postgres:5432/" + s.database())) {
                    problems.add(url + "=" + env.get(url) + " is not postgres:5432/" + s.database() + " (bin/lib.sh)");
                }
            }
            Map<String, String> roles = PostgresInit.roles();
            if (!s.database().equals(roles.get(env.get("QUARKUS_DATASOURCE_USERNAME")))) {
                problems.add("QUARKUS_DATASOURCE_USERNAME=" + env.get("QUARKUS_DATASOURCE_USERNAME") + " does not own " + s.database()
                        + " in deploy/compose/postgres-init.sh " + roles);
            }
            if (!"kafka:9092".equals(env.get("KAFKA_BOOTSTRAP_SERVERS"))) {
                problems.add("KAFKA_BOOTSTRAP_SERVERS must be the compose broker kafka:9092");
            }
            String key = env.getOrDefault("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "");
            List<String> volumes = Yamls.listAt(svc, "volumes").stream().map(String::valueOf).toList();
            if (volumes.stream().noneMatch(v -> v.startsWith("public-key:") && key.startsWith(v.split(":")[1] + "/"))) {
                problems.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION=" + key + " is not in the mounted public-key volume");
            }
            // The keys volume holds the private key: a service that mounts it could sign any token.
            if (volumes.stream().anyMatch(v -> v.startsWith("keys:"))) {
                problems.add("mounts the keys volume, which holds the private signing key; mount public-key instead");
            }
            for (String dep : List.of("postgres", "kafka-topics", "keys")) {
                if (Yamls.mapAt(svc, "depends_on." + dep).isEmpty()) {
                    problems.add("does not wait for " + dep);
                }
            }
            // The image sizes the heap as a share of the container's memory limit: without one, of the host's.
            long kubernetes = kubernetesMemoryLimit(s.name());
            Object limit = svc.get("mem_limit");
            if (limit == null || bytes(String.valueOf(limit)) != kubernetes) {
                problems.add("mem_limit " + limit + ", not Kubernetes' limit of " + kubernetes / (1024 * 1024) + " MiB");
            }
            Map<String, Object> build = Yamls.mapAt(svc, "build");
            if (!s.name().equals(Yamls.string(build, "args.SERVICE"))) {
                problems.add("builds SERVICE=" + Yamls.string(build, "args.SERVICE"));
            }
            if (!problems.isEmpty()) {
                fail(FILE + ": " + config.describe() + ":\n  " + String.join("\n  ", problems));
            }
        }));
    }

    @Test
    void theInfrastructureMatchesTheRestOfTheSystem() {
        assertEquals(Set.copyOf(Services.ALL.stream().map(Services.Service::database).toList()), Set.copyOf(PostgresInit.roles().values()),
                "deploy/compose/postgres-init.sh creates the databases of bin/lib.sh");
        Map<String, String> kafka = environment(service("kafka"));
        assertEquals("false", kafka.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"), "topics come only from the list");
        assertTrue(kafka.get("KAFKA_PROCESS_ROLES").contains("controller"), "Kafka runs in KRaft mode");
        assertEquals("/var/lib/kafka/data", kafka.get("KAFKA_LOG_DIRS"), "Kafka keeps its data in the kafka-data volume");
        // One broker version wherever the system runs: production's, so that what runs by bin/run or compose is what
        // runs in Kubernetes. (The test suites' broker, in a child JVM on their classpath, must match the services'
        // Kafka client instead: pom.xml.)
        String production = Yamls.string(Yamls.load(Repo.read("deploy/k8s/base/kafka/kafka.yaml"), "kafka.yaml"), "spec.kafka.version");
        String local = Pattern.compile("<kafka.version>([^<]+)</kafka.version>").matcher(Repo.read("deploy/local/kafka/pom.xml")).results()
                .map(r -> r.group(1)).findFirst().orElseThrow();
        assertEquals(production, local, "bin/run's broker (deploy/local/kafka/pom.xml) is production's (deploy/k8s/base/kafka/kafka.yaml)");
        for (String broker : List.of("kafka", "kafka-topics")) {
            assertEquals("apache/kafka:" + production, Yamls.string(service(broker), "image"), broker + " runs production's Kafka");
        }
        assertTrue(service("demo").get("profiles") != null, "the demo loader is optional (a profile)");
        assertTrue(Yamls.listAt(service("demo"), "command").contains("http://survey-service:8080"), "the demo loads through survey-service");
    }

    /** The memory limit of the service's container in deploy/k8s/base, in bytes. */
    static long kubernetesMemoryLimit(String service) {
        String file = "deploy/k8s/base/" + service + ".yaml";
        Map<String, Object> deployment = Yamls.loadAll(Repo.read(file), file).stream().filter(d -> "Deployment".equals(d.get("kind")))
                .findFirst().orElseThrow(() -> new AssertionError(file + " has no Deployment"));
        Map<String, Object> container = Yamls.mapsAt(deployment, "spec.template.spec.containers").stream()
                .filter(c -> service.equals(c.get("name"))).findFirst().orElseThrow(() -> new AssertionError(file + " has no container " + service));
        return bytes(Yamls.string(container, "resources.limits.memory"));
    }

    /** A size as compose (768m, 1g) or Kubernetes (768Mi, 1Gi) writes it; both mean powers of 1024. */
    static long bytes(String size) {
        Matcher m = Pattern.compile("(\\d+)([kmg])i?b?", Pattern.CASE_INSENSITIVE).matcher(size.strip());
        assertTrue(m.matches(), "a size in k, m or g: " + size);
        int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            default -> 30;
        };
        return Long.parseLong(m.group(1)) << shift;
    }

    /** deploy/compose/postgres-init.sh: role -> database it owns. */
    static final class PostgresInit {
        static Map<String, String> roles() {
            Matcher m = Pattern.compile("for entry in ([a-z_: ]+); do").matcher(Repo.read("deploy/compose/postgres-init.sh"));
            assertTrue(m.find(), "deploy/compose/postgres-init.sh no longer lists role:database pairs");
            Map<String, String> roles = new LinkedHashMap<>();
            for (String pair : m.group(1).strip().split("\\s+")) {
                roles.put(pair.split(":")[0], pair.split(":")[1]);
            }
            return roles;
        }
    }
}
