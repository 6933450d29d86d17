package no.rusmonitor.deploy.checks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** deploy/docker/Dockerfile: one image per service, non-root, health-checked, container-aware JVM, nothing secret. */
class DockerfileTest {

    static final String FILE = "deploy/docker/Dockerfile";

    /** The final stage (the service image): from its FROM to the end. */
    static String serviceStage() {
        String text = Repo.read(FILE);
        int from = text.lastIndexOf("\nFROM ");
        assertTrue(text.substring(from).contains(" AS service"), FILE + ": the last stage must be the service image (AS service)");
        return text.substring(from);
    }

    static Integer imageUser() {
        Matcher user = Pattern.compile("(?m)^USER (\\d+)").matcher(serviceStage());
        assertTrue(user.find(), FILE + ": the service stage sets no numeric USER");
        return Integer.parseInt(user.group(1));
    }

    static int exposedPort() {
        Matcher expose = Pattern.compile("(?m)^EXPOSE (\\d+)").matcher(serviceStage());
        assertTrue(expose.find(), FILE + ": no EXPOSE in the service stage");
        return Integer.parseInt(expose.group(1));
    }

    @Test
    void theServiceImageRunsAsANonRootUser() {
        assertTrue(imageUser() > 0, FILE + ": USER must not be root");
        assertTrue(serviceStage().contains("--uid " + imageUser()), FILE + ": the user " + imageUser() + " is created in the image");
    }

    @Test
    void theServiceImageListensWhereItSaysAndChecksItsHealth() {
        String stage = serviceStage();
        assertTrue(stage.contains("QUARKUS_HTTP_PORT=" + exposedPort()), FILE + ": QUARKUS_HTTP_PORT defaults to the EXPOSEd port");
        assertTrue(stage.contains("HEALTHCHECK"), FILE + ": no HEALTHCHECK");
        for (Services.Service service : Services.ALL) {
            ServiceConfig config = ServiceConfig.of(service);
            assertTrue(config.managementEnabled() || stage.contains(config.healthPath("ready")),
                    FILE + ": the HEALTHCHECK must ask " + config.healthPath("ready") + " (" + config.describe() + ")");
        }
    }

    @Test
    void theJvmRespectsTheContainerMemoryLimit() {
        String stage = serviceStage();
        assertTrue(stage.contains("-XX:MaxRAMPercentage="), FILE + ": size the heap from the container limit (MaxRAMPercentage)");
        assertFalse(stage.contains("-Xmx"), FILE + ": a fixed -Xmx ignores the container limit");
        assertFalse(stage.contains("-XX:-UseContainerSupport"), FILE + ": container support must stay on");
        assertTrue(stage.contains("-XX:+ExitOnOutOfMemoryError"), FILE + ": exit on OutOfMemoryError so the orchestrator restarts it");
        assertTrue(stage.contains("exec java"), FILE + ": java must be PID 1 (exec) to get SIGTERM and shut down gracefully");
    }

    @Test
    void nothingSecretGoesIntoAnImage() {
        String text = Repo.read(FILE);
        for (String line : text.lines().map(String::strip).toList()) {
            if (line.matches("(COPY|ADD) .*")) {
                assertFalse(line.matches(".*(\\.pem|\\.key|keys|\\.run|secret).*"), FILE + " copies key material into an image: " + line);
            }
            assertFalse(line.matches("(ENV|ARG) .*(PASSWORD|SECRET|TOKEN).*"), FILE + " bakes a credential into an image: " + line);
            assertFalse(line.contains("BEGIN PRIVATE KEY"), FILE + " contains a private key");
        }
        String ignore = Repo.read(FILE + ".dockerignore");
        for (String excluded : List.of(".run", ".git", "**/target")) {
            assertTrue(ignore.lines().anyMatch(excluded::equals), FILE + ".dockerignore must exclude " + excluded);
        }
    }

    @Test
    void everyServiceModuleCanBeBuilt() {
        String text = Repo.read(FILE);
        assertTrue(text.contains("-pl \"${SERVICE}\" -am package"), FILE + ": builds the module named by SERVICE");
        assertTrue(text.contains("/src/${SERVICE}/target/quarkus-app/"), FILE + ": copies the module's Quarkus application (quarkus-app)");
        assertEquals(3, Services.ALL.size());
    }
}
