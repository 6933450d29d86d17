package no.rusmonitor.testsupport;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A dashboard's view of the stream: a real HTTP connection read line by line as Server-Sent Events, in
 * a thread of its own, so that a test sees exactly what a browser's EventSource would be given.
 */
public final class SseClient implements AutoCloseable {

    /**
     * One event as sent: id, name, data, and the reconnection time it set in milliseconds (null: none); comments are
     * kept as events named "comment".
     */
    public record Event(String id, String name, String data, Long retry) {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final Thread reader;
    private final int status;
    private final String contentType;
    private volatile InputStream body;

    /** Connects to {@code url} (with the last event id and bearer token when not null) and starts reading. */
    public SseClient(String url, String lastEventId, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                .header("Accept", "text/event-stream");
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            status = response.statusCode();
            contentType = response.headers().firstValue("content-type").orElse("");
            body = response.body();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        reader = new Thread(this::read, "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    public int status() {
        return status;
    }

    public String contentType() {
        return contentType;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String name = null;
            Long retry = null;
            StringBuilder data = new StringBuilder();
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (name != null || data.length() > 0) {
                        events.add(new Event(id, name == null ? "message" : name, data.toString(), retry));
                    }
                    id = null;
                    name = null;
                    retry = null;
                    data.setLength(0);
                } else if (line.startsWith(":")) {
                    events.add(new Event(null, "comment", line.substring(1).trim(), null));
                } else if (line.startsWith("id:")) {
                    id = line.substring(3).trim();
                } else if (line.startsWith("retry:")) {
                    retry = Long.valueOf(line.substring(6).trim());
                } else if (line.startsWith("event:")) {
                    name = line.substring(6).trim();
                } else if (line.startsWith("data:")) {
                    data.append(data.length() > 0 ? "\n" : "").append(line.substring(5).stripLeading());
                }
            }
        } catch (Exception e) {
            // closed by the test
        }
    }

    /** Waits for {@code count} events matching {@code filter}; the others are dropped. */
    public List<Event> await(Predicate<Event> filter, int count, Duration timeout) {
        List<Event> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(timeout);
        try {
            while (found.size() < count) {
                long left = Duration.between(Instant.now(), deadline).toMillis();
                if (left <= 0) {
                    throw new AssertionError("expected " + count + " events within " + timeout + ", got " + found.size() + ": " + found);
                }
                Event event = events.poll(left, TimeUnit.MILLISECONDS);
                if (event != null && filter.test(event)) {
                    found.add(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return found;
    }

    /** Every event matching {@code filter} that arrives within {@code window}. */
    public List<Event> collect(Predicate<Event> filter, Duration window) {
        List<Event> found = new ArrayList<>();
        Instant deadline = Instant.now().plus(window);
        try {
            long left;
            while ((left = Duration.between(Instant.now(), deadline).toMillis()) > 0) {
                Event event = events.poll(left, TimeUnit.MILLISECONDS);
                if (event != null && filter.test(event)) {
                    found.add(event);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return found;
    }

    /** Whether the service ends the stream within {@code timeout} (the client never does by itself). */
    public boolean endsWithin(Duration timeout) {
        try {
            reader.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !reader.isAlive();
    }

    /** Events of one name. */
    public static Predicate<Event> named(String name) {
        return e -> name.equals(e.name());
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (Exception e) {
            // already closed
        }
        reader.interrupt();
    }
}
