package no.rusmonitor.report.publish;

/**
 * Whether an {@code If-None-Match} header names a stored version's ETag. Browsers and caches send the tags
 * they hold as a list, and may send them weak ({@code W/"…"}); for this comparison a weak tag matches too
 * (RFC 9110, 13.1.2), and {@code *} matches anything that exists.
 */
final class EntityTags {

    private EntityTags() {
    }

    static boolean noneMatchFails(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String tag : ifNoneMatch.split(",")) {
            String candidate = tag.strip();
            if (candidate.equals("*")) {
                return true;
            }
            if (candidate.startsWith("W/")) {
                candidate = candidate.substring(2);
            }
            if (candidate.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
