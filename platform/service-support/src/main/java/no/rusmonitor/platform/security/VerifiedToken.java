package no.rusmonitor.platform.security;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * A verified token's claims, read once. The principal the verifier returns converts its claims when they
 * are first asked for (and throws and catches an exception inside for every claim it has no name for, such
 * as {@code municipality}), so it is neither cheap to ask nor meant to be shared between requests; this
 * snapshot is both.
 */
final class VerifiedToken implements JsonWebToken {

    private final String name;
    private final Set<String> groups;
    private final Set<String> audience;
    private final long expiresAt;
    private final Map<String, Object> claims;

    private VerifiedToken(String name, Set<String> groups, Set<String> audience, long expiresAt, Map<String, Object> claims) {
        this.name = name;
        this.groups = groups;
        this.audience = audience;
        this.expiresAt = expiresAt;
        this.claims = claims;
    }

    static VerifiedToken of(JsonWebToken token) {
        Map<String, Object> claims = new HashMap<>();
        for (String claim : token.getClaimNames()) {
            Object value = token.getClaim(claim);
            if (value != null) {
                claims.put(claim, value);
            }
        }
        return new VerifiedToken(token.getName(), copy(token.getGroups()), copy(token.getAudience()), token.getExpirationTime(),
                Map.copyOf(claims));
    }

    private static Set<String> copy(Set<String> values) {
        return values == null ? null : Set.copyOf(values);
    }

    /** Whether the token has not expired at {@code epochSecond}; a token without an expiry is never taken as valid here. */
    boolean validAt(long epochSecond) {
        return expiresAt > 0 && epochSecond < expiresAt;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public Set<String> getClaimNames() {
        return claims.keySet();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T getClaim(String claimName) {
        return (T) claims.get(claimName);
    }

    @Override
    public Set<String> getGroups() {
        return groups;
    }

    @Override
    public Set<String> getAudience() {
        return audience;
    }

    @Override
    public long getExpirationTime() {
        return expiresAt;
    }

    @Override
    public String toString() {
        return "VerifiedToken[" + name + "]";
    }
}
