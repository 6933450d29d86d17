package no.rusmonitor.tools.bench;

/**
 * The footprint benchmark's reference: a JVM that starts and does nothing (with {@code --exit} it ends
 * at once, for the start time; otherwise it waits until it is stopped, for the resident memory).
 */
public final class IdleJvm {

    public static void main(String[] args) throws InterruptedException {
        if (args.length > 0 && args[0].equals("--exit")) {
            return;
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
