package no.rusmonitor.deploy.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * Every script in the repository (a file that starts with {@code #!}) is checked out with LF line endings on
 * every machine: images are built and Compose's init scripts run by Linux shells, and a clone on Windows would
 * otherwise give them CRLF, with which {@code #!/bin/sh} and {@code set -eu} fail (.gitattributes).
 */
class LineEndingsTest {

    @Test
    void everyScriptIsCheckedOutWithLfLineEndings() throws Exception {
        List<String> scripts = new ArrayList<>();
        for (String file : git("ls-files", "-z").split("\0")) {
            Path path = Repo.path(file);
            if (!file.isEmpty() && Files.isRegularFile(path) && startsWithShebang(path)) {
                scripts.add(file);
            }
        }
        assertTrue(scripts.contains("mvnw") && scripts.contains("deploy/compose/postgres-init.sh"), "scripts found: " + scripts);
        List<String> command = new ArrayList<>(List.of("check-attr", "eol", "--"));
        command.addAll(scripts);
        for (String line : git(command.toArray(String[]::new)).split("\n")) {
            assertTrue(line.endsWith(": eol: lf"), "a script without eol=lf in .gitattributes: " + line);
        }
        for (String script : scripts) {
            assertFalse(Repo.read(script).contains("\r"), script + " has a CR in it");
        }
    }

    private static boolean startsWithShebang(Path path) throws IOException {
        try (var in = Files.newInputStream(path)) {
            byte[] start = in.readNBytes(2);
            return start.length == 2 && start[0] == '#' && start[1] == '!';
        }
    }

    private static String git(String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("git", "-C", Repo.ROOT.toString()));
        command.addAll(List.of(arguments));
        Process git = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, git.waitFor(), "git " + String.join(" ", arguments) + ": " + out);
        return out;
    }
}
