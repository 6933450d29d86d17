package no.rusmonitor.system.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What came back: the status and headers (names in lower case) and the body, or, when the server answered
 * nothing, how the connection ended ({@code status} 0).
 */
public record RawResponse(int status, Map<String, String> headers, byte[] body, String failure) {

    public static RawResponse none(String failure) {
        return new RawResponse(0, Map.of(), new byte[0], failure);
    }

    public boolean answered() {
        return status > 0;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    public String contentType() {
        String type = header("content-type");
        return type == null ? "" : type;
    }

    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
