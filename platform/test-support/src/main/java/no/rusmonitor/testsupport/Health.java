package no.rusmonitor.testsupport;

import java.time.Duration;

import io.restassured.RestAssured;

/** The service under test's health endpoints (RestAssured points at the instance a {@code @QuarkusTest} started). */
public final class Health {

    private Health() {
    }

    /**
     * Waits until {@code path} (say {@code /q/health/started}) answers 200, as a script that starts the
     * system does: a consumer joins its group shortly after the service has started, and a test may run
     * before that. Returns at the deadline either way; the caller asserts.
     */
    public static void awaitUp(String path, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (RestAssured.given().get(path).statusCode() != 200 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
