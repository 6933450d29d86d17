package no.rusmonitor.platform.request;

import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Problem;

/**
 * The Idempotency-Key header, read the same way by every service that takes it: a retry with the key of a
 * request that was answered gets that answer again and changes nothing.
 */
public final class IdempotencyKey {

    public static final String HEADER = "Idempotency-Key";
    /** The header that says an answer is the one given before. */
    public static final String REPLAYED = "Idempotent-Replayed";
    public static final int MAX_LENGTH = 200;

    private IdempotencyKey() {
    }

    /** Refuses ({@code 400 invalid-idempotency-key}) a key that is not 1-200 visible ASCII characters; none is fine. */
    public static void requireWellFormed(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_LENGTH || !key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e))) {
            throw new ApiException(Problem.of(400, "invalid-idempotency-key", "Invalid Idempotency-Key",
                    "The Idempotency-Key header must be 1-" + MAX_LENGTH + " visible ASCII characters."));
        }
    }

    /** Refuses ({@code 422 idempotency-key-reused}) a key the caller used before for another request. */
    public static ApiException reused() {
        return new ApiException(Problem.of(422, "idempotency-key-reused", "Idempotency-Key reused",
                "This Idempotency-Key was used for a different request."));
    }
}
