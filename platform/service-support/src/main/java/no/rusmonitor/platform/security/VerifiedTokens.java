package no.rusmonitor.platform.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Verifies each bearer token once for as long as it is valid, in place of the verifier Quarkus uses for
 * every request. A client sends the same token with each request until it expires, and checking an RS256
 * signature and reading the claims took about a sixth of survey-service's CPU per submission
 * (docs/benchmarks.md, Ingest). A token is taken from here only as the exact text that passed
 * verification and only before its expiry; a token that fails verification is never kept, so a forged
 * or altered one is checked (and refused) every time.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    private final JWTParser verifier;
    private final Clock clock;
    private final int capacity;
    private final ConcurrentHashMap<String, VerifiedToken> verified = new ConcurrentHashMap<>();

    @Inject
    public VerifiedTokens(DefaultJWTParser verifier, @ConfigProperty(name = "rusmonitor.security.verified-tokens", defaultValue = "10000") int capacity) {
        this(verifier, Clock.systemUTC(), capacity);
    }

    VerifiedTokens(JWTParser verifier, Clock clock, int capacity) {
        this.verifier = verifier;
        this.clock = clock;
        this.capacity = capacity;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = clock.instant().getEpochSecond();
        VerifiedToken known = verified.get(token);
        if (known != null) {
            if (known.validAt(now)) {
                return known;
            }
            verified.remove(token, known);
        }
        VerifiedToken fresh = VerifiedToken.of(verifier.parse(token));
        if (capacity > 0 && fresh.validAt(now)) {
            if (verified.size() >= capacity) {
                makeRoom(now);
            }
            verified.put(token, fresh);
        }
        return fresh;
    }

    /** Drops the expired tokens, and everything if that is not enough: the next requests verify theirs again. */
    private void makeRoom(long now) {
        verified.values().removeIf(token -> !token.validAt(now));
        if (verified.size() >= capacity) {
            verified.clear();
        }
    }

    int held() {
        return verified.size();
    }

    // Everything else is asked with other keys or settings than the service's own: not kept.

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return verifier.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return verifier.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return verifier.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return verifier.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return verifier.parseOnly(token);
    }
}
