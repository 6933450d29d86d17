package no.rusmonitor.deploy.checks;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** kubectl, when this machine has one ($KUBECTL or on the PATH): its embedded Kustomize renders offline. */
final class Kubectl {

    private static final Optional<Path> BINARY = find();

    private Kubectl() {
    }

    static Optional<Path> binary() {
        return BINARY;
    }

    private static Optional<Path> find() {
        // KUBECTL names the binary to use; KUBECTL=none makes the checks use the built-in renderer alone.
        String configured = System.getenv("KUBECTL");
        if ("none".equals(configured)) {
            return Optional.empty();
        }
        if (configured != null && !configured.isBlank()) {
            return Optional.of(Path.of(configured));
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "kubectl");
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String version() {
        return run(List.of(BINARY.orElseThrow().toString(), "version", "--client"), Repo.ROOT).replace('\n', ' ').strip();
    }

    static List<Map<String, Object>> kustomize(Path dir) {
        String out = run(List.of(BINARY.orElseThrow().toString(), "kustomize", dir.toString()), Repo.ROOT);
        return Yamls.loadAll(out, "kubectl kustomize " + Repo.relative(dir));
    }

    private static String run(List<String> command, Path cwd) {
        try {
            Path output = Files.createTempFile("kubectl", ".out");
            try {
                Process process = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                        .redirectOutput(output.toFile()).start();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException(String.join(" ", command) + " took longer than 60 s");
                }
                String text = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "):\n" + text);
                }
                return text;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
