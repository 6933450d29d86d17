package no.rusmonitor.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of its own (initdb and pg_ctl of the installed server), so that a test can stop
 * and restart the database under one service without touching the server everyone else uses. Made the
 * way bin/lib.sh makes its private cluster: trust authentication on 127.0.0.1, and run as the
 * {@code postgres} system user when this JVM is root, since initdb refuses root.
 */
final class PrivatePostgres {

    private static final String USER = "postgres";

    private final Path bin;
    private final Path data;
    private final int port;
    private final boolean asPostgresUser;

    private PrivatePostgres(Path bin, Path data, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.data = data;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    /** A fresh cluster in {@code data} (anything there before is removed), started on a free port. */
    static PrivatePostgres create(Path data) {
        boolean root = "root".equals(System.getProperty("user.name"));
        PrivatePostgres cluster = new PrivatePostgres(installedServer(), data, freePort(), root);
        cluster.removeLeftover();
        try {
            Files.createDirectories(data);
            if (root) {
                UserPrincipal postgres = data.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(USER);
                Files.setOwner(data, postgres);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        cluster.run(Duration.ofSeconds(120), "initdb", "-D", data.toString(), "-U", USER, "--auth=trust", "-E", "UTF8", "--no-sync");
        cluster.start();
        return cluster;
    }

    int port() {
        return port;
    }

    /** Starts the server and waits until it accepts connections. */
    void start() {
        run(Duration.ofSeconds(60), "pg_ctl", "-D", data.toString(), "-l", data.resolve("server.log").toString(), "-w", "-t", "60",
                "-o", "-p " + port + " -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=100 -c fsync=off", "start");
    }

    /** Stops the server the way an operator's restart does: fast (running transactions are rolled back, clients cut off). */
    void stop() {
        run(Duration.ofSeconds(60), "pg_ctl", "-D", data.toString(), "-m", "fast", "-w", "stop");
    }

    /** Ends the server at once, for when the test JVM exits. */
    void destroy() {
        try {
            run(Duration.ofSeconds(30), "pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (IllegalStateException e) {
            // not running
        }
    }

    private void removeLeftover() {
        if (Files.exists(data.resolve("postmaster.pid"))) {
            destroy();
        }
        if (!Files.exists(data)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(data)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void run(Duration timeout, String program, String... args) {
        List<String> command = new ArrayList<>();
        if (asPostgresUser) {
            command.addAll(List.of("runuser", "-u", USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        Path log = data.getParent().resolve(data.getFileName() + "-" + program + ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(program + " did not finish within " + timeout + "; see " + log);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(program + " failed (exit " + process.exitValue() + "): " + Files.readString(log).strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The newest installed server's programs (Debian's layout, as bin/lib.sh expects). */
    private static Path installedServer() {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin")).filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparing(b -> Integer.parseInt(b.getParent().getFileName().toString().replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("no PostgreSQL server in /usr/lib/postgresql; install Debian's postgresql"));
        } catch (IOException e) {
            throw new IllegalStateException("no PostgreSQL server in /usr/lib/postgresql; install Debian's postgresql", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
