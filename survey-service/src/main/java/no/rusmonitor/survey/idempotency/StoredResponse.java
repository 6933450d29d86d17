package no.rusmonitor.survey.idempotency;

/**
 * A response as first given, to be given again to a retry with the same Idempotency-Key.
 *
 * @param replayed whether this is such a repetition rather than the first answer
 */
public record StoredResponse(int status, String body, String etag, String location, boolean replayed) {

    public static StoredResponse first(int status, String body, String etag, String location) {
        return new StoredResponse(status, body, etag, location, false);
    }
}
