package no.rusmonitor.platform.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/** A token is verified once while it is valid, and never taken on trust otherwise. */
class VerifiedTokensTest {

    private static final long START = 1_800_000_000L;

    private final MovingClock clock = new MovingClock(START);
    private final CountingVerifier verifier = new CountingVerifier();
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, clock, 3);

    @Test
    void aValidTokenIsVerifiedOnceAndItsClaimsReadWithoutTheVerifier() throws ParseException {
        JsonWebToken first = tokens.parse("valid-0301");
        JsonWebToken again = tokens.parse("valid-0301");
        assertEquals(1, verifier.calls);
        assertEquals("0301", again.getClaim(Caller.MUNICIPALITY_CLAIM));
        assertEquals(Set.of("municipality"), again.getGroups());
        assertEquals("user-0301", first.getName());
        assertEquals(START + 300, again.getExpirationTime());
    }

    @Test
    void anExpiredTokenIsVerifiedAgainAndRefusedByTheVerifier() throws ParseException {
        tokens.parse("valid-0301");
        clock.now = START + 300;
        verifier.expired = true;
        assertThrows(ParseException.class, () -> tokens.parse("valid-0301"));
        assertEquals(2, verifier.calls);
        assertEquals(0, tokens.held());
    }

    @Test
    void aTokenThatFailsIsNeverKept() {
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertEquals(2, verifier.calls);
        assertEquals(0, tokens.held());
    }

    @Test
    void anotherTextIsAnotherTokenEvenForTheSameCaller() throws ParseException {
        tokens.parse("valid-0301");
        tokens.parse("valid-0301 ");
        assertEquals(2, verifier.calls);
    }

    @Test
    void whenFullTheExpiredGoFirstThenEverything() throws ParseException {
        verifier.lifetime = 10;
        tokens.parse("valid-1");
        verifier.lifetime = 300;
        tokens.parse("valid-2");
        tokens.parse("valid-3");
        clock.now = START + 20;
        tokens.parse("valid-4"); // valid-1 has expired and makes room
        assertEquals(3, tokens.held());
        tokens.parse("valid-5"); // nothing has expired: start again
        assertEquals(1, tokens.held());
        tokens.parse("valid-5");
        assertEquals(5, verifier.calls);
    }

    /** Accepts "valid-<code>" as a token of municipality <code>, expiring {@code lifetime} seconds after START; the claims are smallrye-jwt's own. */
    private static final class CountingVerifier extends DefaultJWTParser {
        int calls;
        long lifetime = 300;
        boolean expired;

        @Override
        public JsonWebToken parse(String token) throws ParseException {
            calls++;
            if (!token.startsWith("valid-") || expired) {
                throw new ParseException("refused");
            }
            String code = token.substring("valid-".length());
            JwtClaims claims = new JwtClaims();
            claims.setSubject("user-" + code);
            claims.setClaim(Caller.MUNICIPALITY_CLAIM, code);
            claims.setStringListClaim("groups", "municipality");
            claims.setExpirationTime(NumericDate.fromSeconds(START + lifetime));
            return new DefaultJWTCallerPrincipal(claims);
        }
    }

    private static final class MovingClock extends Clock {
        long now;

        MovingClock(long now) {
            this.now = now;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochSecond(now);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }
}
