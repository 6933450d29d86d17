package no.rusmonitor.system.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One HTTP/1.1 request exactly as it goes on the wire. Target, header values and body are bytes, so that
 * a request can carry what a well-behaved client would never send: invalid UTF-8, raw {@code ../}, oversized
 * headers. {@code chunked} sends the body without a Content-Length.
 */
public record RawRequest(String method, byte[] target, List<Map.Entry<String, byte[]>> headers, byte[] body, boolean chunked) {

    public static RawRequest of(String method, String target) {
        return new RawRequest(method, target.getBytes(StandardCharsets.ISO_8859_1), new ArrayList<>(), null, false);
    }

    public RawRequest header(String name, String value) {
        return header(name, value.getBytes(StandardCharsets.UTF_8));
    }

    public RawRequest header(String name, byte[] value) {
        List<Map.Entry<String, byte[]>> more = new ArrayList<>(headers);
        more.add(Map.entry(name, value));
        return new RawRequest(method, target, more, body, chunked);
    }

    public RawRequest withoutHeader(String name) {
        List<Map.Entry<String, byte[]>> fewer = new ArrayList<>(headers);
        fewer.removeIf(h -> h.getKey().equalsIgnoreCase(name));
        return new RawRequest(method, target, fewer, body, chunked);
    }

    public RawRequest body(byte[] bytes) {
        return new RawRequest(method, target, headers, bytes, chunked);
    }

    public RawRequest body(String text) {
        return body(text.getBytes(StandardCharsets.UTF_8));
    }

    public RawRequest asChunked() {
        return new RawRequest(method, target, headers, body, true);
    }

    public String targetText() {
        return new String(target, StandardCharsets.ISO_8859_1);
    }

    public boolean hasHeader(String name) {
        return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
    }
}
