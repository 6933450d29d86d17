package no.rusmonitor.system;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on loopback in front of one service, which the test can cut off as a network would: while
 * cut, every open connection is closed and a new one is closed as soon as it is accepted. Everything else is
 * passed on byte for byte. It notes the head of each HTTP request it passes (request line and headers, as
 * the first bytes of a chunk the client sends), so a test can tell what a browser asked for, and when.
 */
final class CuttableProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String targetHost;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private volatile boolean cut;

    CuttableProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        start("proxy-accept", this::accept);
    }

    /** The proxy's address, in place of the service's. */
    String url() {
        return "http://127.0.0.1:" + server.getLocalPort();
    }

    /** Closes every connection, and each new one, until {@link #restore()}. */
    void cut() {
        cut = true;
        open.forEach(CuttableProxy::closeQuietly);
    }

    void restore() {
        cut = false;
    }

    /** How many request heads have passed so far; {@link #requestsSince} reads on from there. */
    int requestCount() {
        return requests.size();
    }

    List<String> requestsSince(int count) {
        return List.copyOf(requests.subList(count, requests.size()));
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                continue; // the server socket closed: the loop ends
            }
            if (cut) {
                closeQuietly(client);
                continue;
            }
            // Registered before connecting, so that a cut meanwhile closes it; checked again once connected.
            open.add(client);
            Socket target = null;
            try {
                target = new Socket(targetHost, targetPort);
                open.add(target);
                if (cut) {
                    throw new IOException("cut while connecting");
                }
                pipe(client, target, true);
                pipe(target, client, false);
            } catch (IOException e) {
                // cut, or the service is away: the browser sees a dropped connection
                closeQuietly(client);
                open.remove(client);
                if (target != null) {
                    closeQuietly(target);
                    open.remove(target);
                }
            }
        }
    }

    private void pipe(Socket from, Socket to, boolean fromClient) {
        start("proxy-pipe", () -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    if (fromClient) {
                        noteRequest(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // cut, or closed by either side
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        });
    }

    private void noteRequest(String chunk) {
        if (chunk.matches("(?s)^(GET|POST|PUT|DELETE|HEAD|OPTIONS|PATCH) .*")) {
            int end = chunk.indexOf("\r\n\r\n");
            requests.add(end < 0 ? chunk : chunk.substring(0, end));
        }
    }

    private static void start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        cut();
        try {
            server.close();
        } catch (IOException e) {
            // already closed
        }
    }
}
