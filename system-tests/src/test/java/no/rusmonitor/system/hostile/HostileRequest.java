package no.rusmonitor.system.hostile;

/**
 * One request of the corpus: the endpoint it attacks, the kind of attack ({@code mutation}, such as
 * {@code broken-json}), what exactly was done, the bytes sent, and the field a validation failure must name
 * (a JSON pointer such as {@code /answers/users_total} or {@code /year}; null when no single field is wrong).
 */
public record HostileRequest(Endpoint endpoint, String mutation, String detail, RawRequest request, String field) {

    public String describe() {
        return endpoint.service() + " " + endpoint.name() + " [" + mutation + ": " + detail + "] " + abbreviate(request.targetText());
    }

    private static String abbreviate(String text) {
        return text.length() > 160 ? text.substring(0, 160) + "..." : text;
    }
}
