package no.rusmonitor.testsupport;

/** Reads values from a service's {@code /q/metrics} text, so that a test checks what a metric counted, not only its name. */
public final class Prometheus {

    private Prometheus() {
    }

    /**
     * The sum of the samples of a series: every line that starts with {@code series} (a metric's name, or a
     * name with the start of its labels) followed by a space or a label block. Fails if there is none.
     */
    public static double value(String metrics, String series) {
        double sum = 0;
        boolean found = false;
        for (String line : metrics.split("\n")) {
            if (line.startsWith("#") || !line.startsWith(series)) {
                continue;
            }
            char next = line.length() > series.length() ? line.charAt(series.length()) : ' ';
            if (next != ' ' && next != '{' && next != ',' && next != '}' && !series.endsWith(",") && !series.endsWith("{")) {
                continue; // another metric whose name begins with this one
            }
            sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            found = true;
        }
        if (!found) {
            throw new AssertionError("no series " + series + " in the metrics");
        }
        return sum;
    }
}
