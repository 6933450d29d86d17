package no.rusmonitor.system;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo loader (tools' DemoLoader) run the way bin/demo runs it: tools' classes and their class path
 * from the build, a process of its own, so that its exit status is what a user of bin/demo sees.
 */
final class DemoLoaderRun {

    private static final long TIMEOUT_MINUTES = 5;

    private final Path root;
    private final Path privateKey;
    private final Path log;

    /**
     * @param root       the repository tools was built in
     * @param privateKey PEM of the key the services trust, to sign the municipalities' and operators' tokens
     * @param log        where the loader's output is appended
     */
    DemoLoaderRun(Path root, Path privateKey, Path log) {
        this.root = root;
        this.privateKey = privateKey;
        this.log = log;
    }

    /** Loads {@code years} (as "2018-2019") through survey-service at {@code url}; returns the loader's exit status. */
    int load(String url, String years) throws IOException, InterruptedException {
        Path classpath = root.resolve("tools/target/classpath.txt");
        if (!Files.exists(classpath)) {
            throw new IllegalStateException("tools is not built (" + classpath + "); run the whole build: bin/test");
        }
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                root.resolve("tools/target/classes") + File.pathSeparator + Files.readString(classpath).trim(),
                "no.rusmonitor.tools.demo.DemoLoader", "--url", url, "--key", privateKey.toString(), "--years", years)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException("the demo loader did not finish within " + TIMEOUT_MINUTES + " minutes; see " + log);
        }
        return process.exitValue();
    }

    /** The end of the loader's output, for a failure message. */
    String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return log + ":\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
}
