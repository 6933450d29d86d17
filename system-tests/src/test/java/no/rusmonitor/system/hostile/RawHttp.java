package no.rusmonitor.system.hostile;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An HTTP/1.1 client on a plain socket, one connection per request ({@code Connection: close}). Unlike
 * java.net.http it sends whatever bytes it is given. The request is written on a thread of its own while
 * the answer is read, because a server may answer (413, 431) and close before it has read the whole body.
 */
public final class RawHttp implements AutoCloseable {

    private static final int TIMEOUT_MILLIS = 20_000;
    private static final int MAX_BODY = 16 * 1024 * 1024;

    private final String host;
    private final int port;
    private final ExecutorService writers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "raw-http-writer");
        thread.setDaemon(true);
        return thread;
    });

    public RawHttp(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    public RawResponse send(RawRequest request) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 2_000);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            writers.submit(() -> write(request, out));
            return read(new BufferedInputStream(socket.getInputStream()), request.method());
        } catch (IOException e) {
            return RawResponse.none(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void write(RawRequest request, OutputStream out) {
        try {
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            head.write((request.method() + " ").getBytes(StandardCharsets.ISO_8859_1));
            head.write(request.target());
            head.write((" HTTP/1.1\r\nHost: " + host + ":" + port + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            if (!request.hasHeader("Connection")) {
                head.write("Connection: close\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            for (Map.Entry<String, byte[]> header : request.headers()) {
                head.write((header.getKey() + ": ").getBytes(StandardCharsets.ISO_8859_1));
                head.write(header.getValue());
                head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            }
            byte[] body = request.body();
            if (body != null && request.chunked()) {
                head.write("Transfer-Encoding: chunked\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else if (body != null && !request.hasHeader("Content-Length")) {
                head.write(("Content-Length: " + body.length + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
            }
            head.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
            out.write(head.toByteArray());
            if (body != null && request.chunked()) {
                for (int at = 0; at < body.length; at += 65536) {
                    int length = Math.min(65536, body.length - at);
                    out.write((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body, at, length);
                    out.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
                }
                out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            } else if (body != null) {
                out.write(body);
            }
            out.flush();
        } catch (IOException e) {
            // The server stopped reading (it answered early, or refused the connection); the reader reports what came back.
        }
    }

    private static RawResponse read(InputStream in, String method) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) {
            return RawResponse.none("connection closed without an answer");
        }
        String[] parts = statusLine.split(" ", 3);
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); line != null && !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            headers.merge(name, line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        byte[] body;
        String type = headers.getOrDefault("content-type", "");
        if ("HEAD".equals(method) || status == 204 || status == 304 || type.startsWith("text/event-stream")) {
            body = new byte[0]; // an event stream never ends by itself; its headers say enough
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            body = chunks(in);
        } else if (headers.containsKey("content-length")) {
            body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else {
            body = in.readNBytes(MAX_BODY);
        }
        return new RawResponse(status, headers, body, null);
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (String size = line(in); size != null; size = line(in)) {
            int length = Integer.parseInt(size.split(";")[0].trim(), 16);
            if (length == 0) {
                break;
            }
            body.write(in.readNBytes(length));
            line(in);
        }
        return body.toByteArray();
    }

    /** One line without its CRLF, or null at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    @Override
    public void close() {
        writers.shutdownNow();
    }
}
