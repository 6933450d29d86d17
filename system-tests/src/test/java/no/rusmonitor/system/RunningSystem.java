package no.rusmonitor.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import no.rusmonitor.testsupport.KafkaBroker;
import no.rusmonitor.testsupport.PostgresTestResource;
import no.rusmonitor.testsupport.TestTokens;

/**
 * The whole system as it runs in production, on this machine: a real Kafka broker with the topics of
 * deploy/kafka-topics.csv, a fresh database per service on the real PostgreSQL, and each built service
 * jar as its own process, configured only through the environment (as bin/run and the container images
 * do). Tests can stop (SIGTERM), kill (SIGKILL) and start each service.
 * <p>
 * One system per test JVM, started on first use, torn down when the JVM exits.
 */
public final class RunningSystem {

    /** The services of the system, in the order they are started. */
    public enum Service {
        SURVEY("survey-service", "systest_survey"),
        INDICATOR("indicator-service", "systest_indicator"),
        REPORT("report-service", "systest_report");

        final String module;
        final String database;

        Service(String module, String database) {
            this.module = module;
            this.database = PostgresTestResource.physicalName(database);
        }
    }

    private static RunningSystem shared;

    private final Path root;
    private final Path work;
    private final KafkaBroker kafka;
    private final Path publicKey;
    private final Map<Service, ServiceProcess> services = new LinkedHashMap<>();
    /** Each service's port, chosen on first need, so that a service can be told another's URL before that one starts. */
    private final Map<Service, Integer> ports = new LinkedHashMap<>();
    private final Map<Service, PrivatePostgres> privateClusters = new java.util.EnumMap<>(Service.class);
    private final List<ServiceProcess> extraInstances = new ArrayList<>();

    private RunningSystem(Path root) {
        this.root = root;
        this.work = root.resolve("system-tests/target/system");
        this.kafka = KafkaBroker.startFresh(work.resolve("kafka"));
        this.publicKey = TestTokens.writePublicKey(work.resolve("keys"));
        kafka.createTopics(topics(root));
    }

    /** The system of this JVM with every service in {@code wanted} running. */
    public static synchronized RunningSystem with(Service... wanted) {
        if (shared == null) {
            shared = new RunningSystem(Path.of(System.getProperty("rusmonitor.root", "..")).toAbsolutePath().normalize());
            RunningSystem system = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(system::tearDown, "system-teardown"));
        }
        for (Service service : wanted) {
            shared.ensureRunning(service);
        }
        return shared;
    }

    /** The repository the services were built in. */
    public Path root() {
        return root;
    }

    /** Where the system keeps its state (keys, logs, the broker's data). */
    public Path work() {
        return work;
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    public ServiceProcess service(Service service) {
        ensureRunning(service);
        return services.get(service);
    }

    public String url(Service service) {
        return service(service).url();
    }

    /** A JDBC connection to a service's database, for checking what it stored. */
    public Connection database(Service service) throws SQLException {
        return database(service, service.database);
    }

    /** A JDBC connection to another database on the server that holds {@code service}'s database. */
    public Connection database(Service service, String database) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + pgHost() + ":" + dbPort(service) + "/" + database, pgUser(), pgPassword());
    }

    /**
     * Moves a service's database to a PostgreSQL cluster of its own, which the test may stop and start
     * (the shared server must never be restarted: others use it). A service that was running already is
     * stopped, given a fresh database on the new cluster and started again, on the same port; so it
     * starts with no data. Asking again returns the same cluster.
     */
    public synchronized PrivatePostgres privateDatabase(Service service) {
        PrivatePostgres cluster = privateClusters.get(service);
        if (cluster != null) {
            return cluster;
        }
        cluster = PrivatePostgres.create(work.resolve("postgres-" + service.module));
        privateClusters.put(service, cluster);
        ServiceProcess process = services.remove(service);
        if (process != null) {
            process.stop();
            recreateDatabase(service, service.database);
            services.put(service, new ServiceProcess(service.module, jar(service), process.port, environment(service, service.database, Map.of()),
                    work.resolve("logs")));
            services.get(service).start();
        }
        return cluster;
    }

    /**
     * A second, separate instance of a service on a fresh database of its own (on the same server as the
     * service's), with extra environment (for example its own consumer group), started and ready. It is
     * killed when the JVM exits, or earlier by the test.
     */
    public synchronized ServiceProcess extraInstance(Service service, String name, Map<String, String> extraEnvironment) {
        String database = PostgresTestResource.physicalName("systest_" + name.replace('-', '_'));
        recreateDatabase(service, database);
        ServiceProcess process = new ServiceProcess(name, jar(service), freePort(), environment(service, database, extraEnvironment),
                work.resolve("logs"));
        extraInstances.add(process);
        process.start();
        return process;
    }

    private synchronized void ensureRunning(Service service) {
        ServiceProcess process = services.get(service);
        if (process == null) {
            recreateDatabase(service, service.database);
            process = new ServiceProcess(service.module, jar(service), port(service), environment(service, service.database, Map.of()),
                    work.resolve("logs"));
            services.put(service, process);
        }
        if (!process.isRunning()) {
            process.start();
        }
    }

    private String dbPort(Service service) {
        PrivatePostgres cluster = privateClusters.get(service);
        return cluster == null ? pgPort() : String.valueOf(cluster.port());
    }

    private Path jar(Service service) {
        Path jar = root.resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(service.module + " is not built (" + jar + "); run the whole build: bin/test");
        }
        return jar;
    }

    private Map<String, String> environment(Service service, String database, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + pgHost() + ":" + dbPort(service) + "/" + database);
        env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://" + pgHost() + ":" + dbPort(service) + "/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", pgUser());
        env.put("QUARKUS_DATASOURCE_PASSWORD", pgPassword());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
        // Where the dashboard links municipality reports (as bin/run sets it).
        env.put("RUSMONITOR_REPORT_URL", "http://127.0.0.1:" + port(Service.REPORT));
        env.putAll(extra);
        return env;
    }

    /** Topics and partition counts from deploy/kafka-topics.csv, the list every environment is made from. */
    private static Map<String, Integer> topics(Path root) {
        Map<String, Integer> topics = new LinkedHashMap<>();
        try {
            for (String line : Files.readAllLines(root.resolve("deploy/kafka-topics.csv"))) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] cells = line.split(",");
                topics.put(cells[0].trim(), Integer.parseInt(cells[1].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return topics;
    }

    private void tearDown() {
        services.values().forEach(ServiceProcess::kill);
        extraInstances.forEach(ServiceProcess::kill);
        kafka.stop();
        privateClusters.values().forEach(PrivatePostgres::destroy);
    }

    private void recreateDatabase(Service service, String database) {
        try (Connection c = database(service, "postgres");
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
            s.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL is needed for the system tests (bin/test starts it)", e);
        }
    }

    static String pgHost() {
        return env("RUSMONITOR_PG_HOST", "127.0.0.1");
    }

    static String pgPort() {
        return env("RUSMONITOR_PG_PORT", "5432");
    }

    static String pgUser() {
        return env("RUSMONITOR_PG_USER", "postgres");
    }

    static String pgPassword() {
        return env("RUSMONITOR_PG_PASSWORD", "");
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private synchronized int port(Service service) {
        return ports.computeIfAbsent(service, s -> freePort());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One service as a process of its own. */
    public static final class ServiceProcess {

        private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

        private final String name;
        private final Path jar;
        private final int port;
        private final Map<String, String> environment;
        private final Path logs;
        private final List<Process> history = new ArrayList<>();
        private Process process;

        ServiceProcess(String name, Path jar, int port, Map<String, String> environment, Path logs) {
            this.name = name;
            this.jar = jar;
            this.port = port;
            this.environment = environment;
            this.logs = logs;
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        public synchronized boolean isRunning() {
            return process != null && process.isAlive();
        }

        /**
         * Starts the jar and waits until it reports ready. Does nothing while it runs: {@code system.service(s)}
         * starts a stopped service already, so {@code service(s).start()} after a stop must not start a second one.
         */
        public synchronized void start() {
            if (isRunning()) {
                return;
            }
            try {
                Files.createDirectories(logs);
                ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                        .redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".log").toFile()));
                builder.environment().putAll(environment);
                builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
                process = builder.start();
                history.add(process);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            awaitReady(Duration.ofSeconds(90));
        }

        /**
         * SIGTERM, as Kubernetes and Ctrl-C send it, and waits for the process to end. The services give work under
         * way 10 s ({@code quarkus.shutdown.timeout}); one still running after 30 s is killed, and the test fails,
         * since a SIGKILL would hide the very thing a graceful stop is tested for.
         */
        public synchronized void stop() {
            if (process == null) {
                return;
            }
            process.destroy();
            if (!waitFor(process, 30) && !Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException(name + " did not stop within 30 s of SIGTERM and was killed; see " + log());
            }
        }

        /** SIGKILL: no chance to finish anything. */
        public synchronized void kill() {
            if (process == null) {
                return;
            }
            process.destroyForcibly();
            waitFor(process, 10);
        }

        public Path log() {
            return logs.resolve(name + ".log");
        }

        private void awaitReady(Duration timeout) {
            Instant deadline = Instant.now().plus(timeout);
            while (Instant.now().isBefore(deadline)) {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited while starting; see " + log());
                }
                try {
                    // Started (a consumer has joined its group), then ready, as bin/run waits.
                    if (healthy("/q/health/started") && healthy("/q/health/ready")) {
                        return;
                    }
                } catch (IOException e) {
                    // not listening yet
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
                sleep(200);
            }
            throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + log());
        }

        /** Whether the health endpoint {@code path} (say {@code /q/health/ready}) answers 200. */
        public boolean healthy(String path) throws IOException, InterruptedException {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url() + path)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }

        /** Whether the process ended within {@code seconds}; if not, it is killed. False, too, if the wait was interrupted. */
        private static boolean waitFor(Process process, int seconds) {
            try {
                if (process.waitFor(seconds, TimeUnit.SECONDS)) {
                    return true;
                }
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return false;
        }

        private static void sleep(long millis) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
