package no.rusmonitor.deploy.checks;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a service's deployment must agree with, read from its real configuration
 * (src/main/resources/application.properties and the @Path of its resource classes). When the service's
 * module does not exist yet, the project's conventions (docs/development.md) stand in for it, and
 * {@link #present()} says so.
 */
final class ServiceConfig {

    /** Set in %dev only, but tuning for development rather than a setting production must supply. */
    private static final List<String> DEV_ONLY_PREFIXES = List.of("quarkus.log.", "quarkus.live-reload.", "quarkus.dev",
            "quarkus.swagger-ui.", "quarkus.console.", "quarkus.hibernate-orm.log.", "quarkus.http.cors");

    /** Environment variables any service may be given besides its properties. */
    static final Set<String> ALWAYS_ACCEPTED_ENV = Set.of("QUARKUS_DATASOURCE_PASSWORD", "JAVA_OPTS", "JAVA_OPTS_APPEND",
            "JAVA_TOOL_OPTIONS");

    /** The settings every service needs from its environment in production (docs/development.md). */
    static final Set<String> CONVENTION_ENV = Set.of("QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "KAFKA_BOOTSTRAP_SERVERS",
            "MP_JWT_VERIFY_PUBLICKEY_LOCATION");

    final Services.Service service;
    private final boolean present;
    private final Map<String, String> base = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> profiles = new HashMap<>();
    private final Set<String> jaxrsRoots = new TreeSet<>();

    private ServiceConfig(Services.Service service, boolean present) {
        this.service = service;
        this.present = present;
    }

    static String file(Services.Service service) {
        return service.module() + "/src/main/resources/application.properties";
    }

    static ServiceConfig of(Services.Service service) {
        Path properties = Repo.path(file(service));
        if (!Files.isRegularFile(properties)) {
            return new ServiceConfig(service, false);
        }
        ServiceConfig config = new ServiceConfig(service, true);
        Properties raw = new Properties();
        try {
            raw.load(new StringReader(Repo.read(properties)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String key : raw.stringPropertyNames()) {
            String value = raw.getProperty(key);
            if (key.startsWith("%")) {
                int dot = key.indexOf('.');
                for (String profile : key.substring(1, dot).split(",")) {
                    config.profiles.computeIfAbsent(profile, p -> new LinkedHashMap<>()).put(key.substring(dot + 1), value);
                }
            } else {
                config.base.put(key, value);
            }
        }
        config.scanResources();
        return config;
    }

    boolean present() {
        return present;
    }

    String describe() {
        return service.name() + (present ? " (" + file(service) + ")" : " (module not there yet: checked against the conventions)");
    }

    // --- properties -------------------------------------------------------------------------------

    /** A property as production sees it (no profile), with ${...} expressions resolved. */
    Optional<String> get(String key) {
        return Optional.ofNullable(base.get(key)).map(v -> resolve(v, null, 0));
    }

    Optional<String> get(String profile, String key) {
        Map<String, String> values = profiles.getOrDefault(profile, Map.of());
        String value = values.containsKey(key) ? values.get(key) : base.get(key);
        return Optional.ofNullable(value).map(v -> resolve(v, profile, 0));
    }

    private String resolve(String value, String profile, int depth) {
        if (depth > 10) {
            return value;
        }
        Matcher m = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = (profile == null ? get(m.group(1)) : get(profile, m.group(1)))
                    .orElse(m.group(2) != null ? m.group(2) : m.group());
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().equals(value) ? value : resolve(out.toString(), profile, depth + 1);
    }

    /** MicroProfile Config's environment name of a property: non-alphanumerics become '_', upper case. */
    static String envName(String property) {
        return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase();
    }

    private Set<String> allKeys() {
        Set<String> keys = new LinkedHashSet<>(base.keySet());
        profiles.values().forEach(p -> keys.addAll(p.keySet()));
        return keys;
    }

    /** Whether an environment variable given to the service means something to it. */
    boolean accepts(String env) {
        if (ALWAYS_ACCEPTED_ENV.contains(env)) {
            return true;
        }
        if (!present) {
            return CONVENTION_ENV.contains(env) || env.equals("QUARKUS_HTTP_PORT");
        }
        return allKeys().stream().anyMatch(k -> envName(k).equals(env));
    }

    /**
     * The environment variables production must set: every property that only the %dev profile sets (its
     * connection settings, by the project's convention), every property whose production value points at
     * the local machine, and the database password.
     */
    Map<String, String> requiredEnv() {
        Map<String, String> required = new LinkedHashMap<>();
        if (!present) {
            CONVENTION_ENV.forEach(e -> required.put(e, "a convention of docs/development.md"));
            return required;
        }
        profiles.getOrDefault("dev", Map.of()).keySet().stream()
                .filter(k -> !base.containsKey(k))
                .filter(k -> DEV_ONLY_PREFIXES.stream().noneMatch(k::startsWith))
                .forEach(k -> required.put(envName(k), "%dev." + k + " is set for development only"));
        base.keySet().forEach(k -> {
            String v = get(k).orElse("");
            if (v.contains("127.0.0.1") || v.contains("localhost")) {
                required.put(envName(k), k + "=" + v + " points at the local machine");
            }
        });
        if (base.containsKey("quarkus.datasource.db-kind")) {
            required.put("QUARKUS_DATASOURCE_PASSWORD", "the service has a datasource");
        }
        return required;
    }

    /** The database named in the %dev datasource URL (the local database bin/run gives it). */
    Optional<String> devDatabase() {
        return get("dev", "quarkus.datasource.reactive.url").map(u -> u.replaceFirst("^.*/", "").replaceFirst("\\?.*$", ""));
    }

    // --- HTTP, health, metrics ----------------------------------------------------------------------

    boolean managementEnabled() {
        return get("quarkus.management.enabled").map(Boolean::parseBoolean).orElse(false);
    }

    /** The port the health and metrics endpoints listen on in a container. */
    int managementPort(int httpPort) {
        return managementEnabled() ? get("quarkus.management.port").map(Integer::parseInt).orElse(9000) : httpPort;
    }

    private String nonApplicationRoot() {
        if (managementEnabled()) {
            return join("/", get("quarkus.management.root-path").orElse("q"));
        }
        String root = get("quarkus.http.non-application-root-path").orElse("q");
        return root.startsWith("/") ? root : join(get("quarkus.http.root-path").orElse("/"), root);
    }

    /** kind: live, ready or started. */
    String healthPath(String kind) {
        String health = get("quarkus.smallrye-health.root-path").orElse("health");
        String base = health.startsWith("/") ? health : join(nonApplicationRoot(), health);
        String sub = switch (kind) {
            case "live" -> get("quarkus.smallrye-health.liveness-path").orElse("live");
            case "ready" -> get("quarkus.smallrye-health.readiness-path").orElse("ready");
            case "started" -> get("quarkus.smallrye-health.startup-path").orElse("started");
            default -> throw new IllegalArgumentException(kind);
        };
        return sub.startsWith("/") ? sub : join(base, sub);
    }

    String metricsPath() {
        String path = get("quarkus.micrometer.export.prometheus.path").orElse("metrics");
        return path.startsWith("/") ? path : join(nonApplicationRoot(), path);
    }

    private static String join(String a, String b) {
        String left = a.endsWith("/") ? a.substring(0, a.length() - 1) : a;
        String right = b.startsWith("/") ? b : "/" + b;
        return (left.startsWith("/") || left.isEmpty() ? left : "/" + left) + right;
    }

    /** As the prod profile sets it: a shutdown delay only makes sense where Kubernetes drains endpoints. */
    Optional<Duration> shutdownTimeout() {
        return get("prod", "quarkus.shutdown.timeout").map(ServiceConfig::duration);
    }

    Optional<Duration> shutdownDelay() {
        return get("prod", "quarkus.shutdown.delay-enabled").map(Boolean::parseBoolean).orElse(false)
                ? get("prod", "quarkus.shutdown.delay").map(ServiceConfig::duration)
                : Optional.empty();
    }

    static Duration duration(String value) {
        String v = value.strip();
        if (v.matches("\\d+")) {
            return Duration.ofSeconds(Long.parseLong(v));
        }
        if (v.matches("\\d+ms")) {
            return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
        }
        if (v.matches("\\d+[smhd]")) {
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return Duration.parse(v.startsWith("P") || v.startsWith("p") ? v : "PT" + v);
    }

    // --- Kafka -----------------------------------------------------------------------------------

    private static final Pattern CHANNEL = Pattern.compile("mp\\.messaging\\.(incoming|outgoing)\\.([^.]+)\\.(?:.+\\.)?topic");

    /** Topics by direction ("incoming", "outgoing", "named" for rusmonitor.topics.*). */
    Map<String, Set<String>> topics() {
        Map<String, Set<String>> topics = new LinkedHashMap<>();
        for (String key : base.keySet()) {
            Matcher m = CHANNEL.matcher(key);
            if (m.matches()) {
                // A dead-letter queue of an incoming channel is written to, not read.
                String direction = key.contains(".dead-letter-queue.") ? "outgoing" : m.group(1);
                topics.computeIfAbsent(direction, d -> new TreeSet<>()).add(get(key).orElseThrow());
            } else if (key.startsWith("rusmonitor.topics.")) {
                topics.computeIfAbsent("named", d -> new TreeSet<>()).add(get(key).orElseThrow());
            }
        }
        return topics;
    }

    Set<String> allTopics() {
        Set<String> all = new TreeSet<>();
        topics().values().forEach(all::addAll);
        return all;
    }

    /** The consumer group of each incoming channel (Quarkus uses the application name when none is set). */
    Map<String, String> consumerGroups() {
        Map<String, String> groups = new LinkedHashMap<>();
        for (String key : base.keySet()) {
            Matcher m = Pattern.compile("mp\\.messaging\\.incoming\\.([^.]+)\\.connector").matcher(key);
            if (m.matches()) {
                String channel = m.group(1);
                groups.put(channel, get("mp.messaging.incoming." + channel + ".group.id")
                        .or(() -> get("kafka.group.id")).or(() -> get("quarkus.application.name")).orElse("(none)"));
            }
        }
        return groups;
    }

    // --- JAX-RS -----------------------------------------------------------------------------------

    private static final Pattern CLASS_PATH = Pattern.compile("@Path\\(\"([^\"]+)\"\\)[^;{]*?\\b(class|interface|record)\\s");

    private void scanResources() {
        Path sources = Repo.path(service.module() + "/src/main/java");
        if (!Files.isDirectory(sources)) {
            return;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> {
                Matcher m = CLASS_PATH.matcher(Repo.read(f));
                if (m.find()) {
                    jaxrsRoots.add(m.group(1).startsWith("/") ? m.group(1) : "/" + m.group(1));
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class-level @Path of each resource class, e.g. /api/surveys/{year}/reopenings. */
    Set<String> jaxrsRoots() {
        return jaxrsRoots;
    }
}
