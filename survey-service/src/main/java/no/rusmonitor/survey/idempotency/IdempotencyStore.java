package no.rusmonitor.survey.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.request.IdempotencyKey;

/**
 * What was answered to a caller's Idempotency-Key (written with the change itself, by
 * {@code submission.VersionStore}), so that a retry gets the original answer and changes nothing.
 */
@ApplicationScoped
public class IdempotencyStore implements PanacheRepositoryBase<IdempotencyRecordEntity, IdempotencyRecordEntity.Key> {

    /**
     * A fingerprint of the request, so that a key reused for a different request is refused. The If-Match it
     * was sent with is part of it: a body without answers submits the saved draft, so with the same body and
     * another If-Match the key would otherwise replay a success for a version other than the one asked for.
     * (Without If-Match the fingerprint is what it was before If-Match counted, so retries across that upgrade
     * still replay.)
     */
    public static String fingerprint(String method, String path, String ifMatch, String body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((method + " " + path + "\n").getBytes(StandardCharsets.UTF_8));
            if (ifMatch != null) {
                digest.update(("If-Match: " + ifMatch + "\n").getBytes(StandardCharsets.UTF_8));
            }
            digest.update(body.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The earlier answer to this key, or null. Refuses a key reused for a different request. Needs a session. */
    public Uni<StoredResponse> earlier(String principal, String key, String fingerprint) {
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return findById(new IdempotencyRecordEntity.Key(principal, key)).map(found -> found == null ? null
                : replay(found.requestHash, fingerprint, new StoredResponse(found.status, found.body, found.etag, found.location, true)));
    }

    /** The earlier answer, if it was given to the same request; a key reused for another request is refused. */
    public static StoredResponse replay(String earlierFingerprint, String fingerprint, StoredResponse earlier) {
        if (!earlierFingerprint.equals(fingerprint)) {
            throw IdempotencyKey.reused();
        }
        return earlier;
    }

    /** The earlier answer in a session of its own, after a concurrent duplicate lost the race. */
    @WithSession
    public Uni<StoredResponse> earlierInNewSession(String principal, String key, String fingerprint) {
        return earlier(principal, key, fingerprint);
    }
}
