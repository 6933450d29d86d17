package no.rusmonitor.testsupport;

/** Reads values from a service's {@code /q/metrics} text, so that a test checks what a metric counted, not only its name. */
public final class Prometheus {

    private Prometheus() {
    }

    /**
     * The sum of the samples of a series: a metric's name (every sample of it, whatever its labels), or a
     * name with the start of its labels ({@code name{label="x"}}). Fails if there is none.
     */
    public static double value(String metrics, String series) {
        boolean wholeMetric = !series.contains("{");
        double sum = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            boolean sample = wholeMetric ? line.startsWith(series + " ") || line.startsWith(series + "{") : line.startsWith(series);
            if (sample) {
                sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        if (!found) {
            throw new AssertionError("no series " + series + " in the metrics");
        }
        return sum;
    }
}
