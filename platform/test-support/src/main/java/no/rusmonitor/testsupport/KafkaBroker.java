package no.rusmonitor.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real single-node Kafka broker (KRaft, broker and controller combined) running in a child JVM.
 * <p>
 * It runs in its own process so that a test can stop it and start it again on the same port and
 * with the same data, which is what "Kafka was down for a while" means to a client. The child JVM
 * uses the test classpath, which holds {@code kafka_2.13} through this module.
 */
public final class KafkaBroker {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final Path workDir;
    private final int port;
    private final int controllerPort;
    private ProcessHandle process;

    private KafkaBroker(Path workDir, int port, int controllerPort, ProcessHandle process) {
        this.workDir = workDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.process = process;
    }

    /**
     * The broker of this JVM, started on first use. Test resources and test classes can be loaded by
     * different class loaders, so the broker's coordinates live in a system property, not in a static field.
     */
    public static KafkaBroker shared(Path workDir) {
        synchronized (System.getProperties()) {
            String known = System.getProperty(SHARED_PROPERTY);
            if (known != null) {
                String[] parts = known.split(";");
                ProcessHandle handle = ProcessHandle.of(Long.parseLong(parts[3])).orElse(null);
                return new KafkaBroker(Path.of(parts[0]), Integer.parseInt(parts[1]), Integer.parseInt(parts[2]), handle);
            }
            KafkaBroker broker = startFresh(workDir);
            Runtime.getRuntime().addShutdownHook(new Thread(KafkaBroker::killShared, "kafka-test-broker-kill"));
            return broker;
        }
    }

    private static final String SHARED_PROPERTY = "rusmonitor.test.kafka-broker";

    private void publish() {
        System.setProperty(SHARED_PROPERTY, workDir + ";" + port + ";" + controllerPort + ";" + (process == null ? -1 : process.pid()));
    }

    /** Formats fresh storage in {@code workDir} and starts the broker on free ports. */
    public static KafkaBroker startFresh(Path workDir) {
        try {
            killLeftovers(workDir);
            deleteRecursively(workDir);
            Files.createDirectories(workDir);
            KafkaBroker broker = new KafkaBroker(workDir, freePort(), freePort(), null);
            broker.writeConfig();
            broker.format();
            broker.start();
            return broker;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the broker again after {@link #stop()}, on the same port and with the same data. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        process = launch(List.of("kafka.Kafka", config().toString()), workDir.resolve("broker.log").toFile(), true).toHandle();
        synchronized (System.getProperties()) {
            publish();
        }
        awaitListening();
    }

    /** Stops the broker the way an operator would (SIGTERM, controlled shutdown) and waits for it. */
    public synchronized void stop() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            process.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            process.destroyForcibly();
        }
        process = null;
        synchronized (System.getProperties()) {
            publish();
        }
        awaitPortClosed();
    }

    /**
     * Ends this JVM's broker at once, for when the JVM exits and the data no longer matters. The broker
     * may have been stopped and started again since it was first made, so its current process is read
     * from the shared coordinates.
     */
    private static void killShared() {
        String known = System.getProperty(SHARED_PROPERTY);
        if (known != null) {
            ProcessHandle.of(Long.parseLong(known.split(";")[3])).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** Creates topics explicitly (auto-creation is off, as in production). Existing topics are kept. */
    public void createTopics(Map<String, Integer> partitionsByTopic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            List<NewTopic> topics = partitionsByTopic.entrySet().stream()
                    .map(e -> new NewTopic(e.getKey(), e.getValue(), (short) 1))
                    .collect(Collectors.toList());
            try {
                admin.createTopics(topics).all().get(30, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("could not create topics " + partitionsByTopic.keySet(), e);
                }
            }
            awaitTopics(admin, partitionsByTopic.keySet());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("timed out creating topics " + partitionsByTopic.keySet(), e);
        }
    }

    private static void awaitTopics(Admin admin, Set<String> names) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline)) {
            try {
                admin.describeTopics(names).allTopicNames().get(5, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("topics did not appear: " + names);
    }

    private Path config() {
        return workDir.resolve("server.properties");
    }

    private void writeConfig() throws IOException {
        Properties p = new Properties();
        p.setProperty("process.roles", "broker,controller");
        p.setProperty("node.id", "1");
        p.setProperty("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        p.setProperty("controller.listener.names", "CONTROLLER");
        p.setProperty("inter.broker.listener.name", "PLAINTEXT");
        p.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.setProperty("log.dirs", workDir.resolve("data").toString());
        p.setProperty("auto.create.topics.enable", "false");
        p.setProperty("offsets.topic.replication.factor", "1");
        p.setProperty("offsets.topic.num.partitions", "3");
        p.setProperty("transaction.state.log.replication.factor", "1");
        p.setProperty("transaction.state.log.min.isr", "1");
        p.setProperty("share.coordinator.state.topic.replication.factor", "1");
        p.setProperty("share.coordinator.state.topic.min.isr", "1");
        p.setProperty("group.initial.rebalance.delay.ms", "0");
        p.setProperty("log.flush.interval.messages", "1000000");
        try (var out = Files.newBufferedWriter(config())) {
            p.store(out, "single-node test broker");
        }
    }

    private void format() {
        Process formatter = launch(List.of("kafka.tools.StorageTool", "format", "--standalone",
                "-t", Uuid.randomUuid().toString(), "-c", config().toString()),
                workDir.resolve("format.log").toFile(), false);
        try {
            if (!formatter.waitFor(60, TimeUnit.SECONDS) || formatter.exitValue() != 0) {
                throw new IllegalStateException("formatting Kafka storage failed, see " + workDir.resolve("format.log"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Process launch(List<String> mainAndArgs, File log, boolean append) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms128m");
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        // A marker so that the test command can find brokers left behind by a killed test JVM.
        command.add("-Drusmonitor.test-broker=" + workDir);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(mainAndArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(append ? ProcessBuilder.Redirect.appendTo(log) : ProcessBuilder.Redirect.to(log));
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not launch " + mainAndArgs.get(0), e);
        }
    }

    private void awaitListening() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Kafka broker exited, see " + workDir.resolve("broker.log"));
            }
            if (accepts(port)) {
                return;
            }
            sleep(50);
        }
        throw new IllegalStateException("Kafka broker did not start within " + START_TIMEOUT);
    }

    private void awaitPortClosed() {
        Instant deadline = Instant.now().plusSeconds(30);
        while (Instant.now().isBefore(deadline) && accepts(port)) {
            sleep(50);
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A broker left running on this directory by a test JVM that was killed would fight the new one for it. */
    private static void killLeftovers(Path workDir) {
        String marker = "-Drusmonitor.test-broker=" + workDir;
        ProcessHandle.allProcesses()
                .filter(p -> p.info().arguments().map(args -> java.util.Arrays.asList(args).contains(marker)).orElse(false))
                .forEach(p -> {
                    p.destroyForcibly();
                    p.onExit().join();
                });
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
