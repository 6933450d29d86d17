package no.rusmonitor.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The fault-injection suite's result: one row per fault, printed and written as Markdown. */
final class FaultTable {

    /**
     * One fault's numbers. {@code sent}: submission requests made while it ran; {@code accepted}: those
     * answered 2xx; {@code stored}: accepted versions stored exactly once; {@code reflected}: accepted
     * versions that indicator-service holds (or a newer one) with its values naming the newest;
     * {@code noAnswer}: requests that got no answer at all; {@code topicDuplicates}: extra copies of
     * events on the submissions topic (allowed, consumers deduplicate).
     */
    record Row(String fault, int sent, int accepted, int stored, int reflected, int mismatches, int noAnswer, int topicDuplicates,
            String notes) {
    }

    private static final String HEADER = "| fault | submissions sent | accepted | stored | reflected in indicators | mismatches | no answer | topic duplicates | notes |";

    private final List<Row> rows = new ArrayList<>();
    private long since = System.nanoTime();

    /** Adds a row, noting how long the fault took with its checks (since the previous row). */
    void add(Row row) {
        long now = System.nanoTime();
        row = new Row(row.fault(), row.sent(), row.accepted(), row.stored(), row.reflected(), row.mismatches(), row.noAnswer(),
                row.topicDuplicates(), row.notes() + "; " + (now - since) / 1_000_000_000 + " s");
        since = now;
        rows.add(row);
        System.out.println("[fault-injection] " + line(row));
    }

    int mismatches() {
        return rows.stream().mapToInt(Row::mismatches).sum();
    }

    String markdown() {
        StringBuilder table = new StringBuilder(HEADER).append('\n').append("|---|--:|--:|--:|--:|--:|--:|--:|---|\n");
        rows.forEach(row -> table.append(line(row)).append('\n'));
        return table.toString();
    }

    void write(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "# Fault injection: last run\n\n" + markdown());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(Row r) {
        String counts = r.sent() == 0 ? "– | – | – | –" : r.sent() + " | " + r.accepted() + " | " + r.stored() + " | " + r.reflected();
        return "| " + r.fault() + " | " + counts + " | " + r.mismatches() + " | " + r.noAnswer() + " | " + r.topicDuplicates() + " | " + r.notes().replace("|", "/") + " |";
    }
}
