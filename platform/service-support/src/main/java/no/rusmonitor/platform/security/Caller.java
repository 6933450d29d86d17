package no.rusmonitor.platform.security;

import java.util.Optional;
import java.util.function.Supplier;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import no.rusmonitor.platform.problem.ApiException;

/** Who is calling, as the verified bearer token says. */
@RequestScoped
public class Caller {

    public static final String MUNICIPALITY_CLAIM = "municipality";

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    @Inject
    public Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    /** The name recorded in the audit trail (the token's subject). */
    public String name() {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }

    public boolean is(String role) {
        return identity.hasRole(role);
    }

    /**
     * The municipality the token acts for. A code is text ("0301"): a claim of another type (a number, which would
     * have lost the leading zero) names none, so the token acts for no municipality rather than fail the request.
     */
    public Optional<String> municipality() {
        Object claim = token.getClaim(MUNICIPALITY_CLAIM);
        if (claim instanceof String code) {
            return Optional.of(code);
        }
        if (claim instanceof JsonString code) {
            return Optional.of(code.getString());
        }
        return Optional.empty();
    }

    /**
     * Writes for a municipality are allowed to that municipality only, or to the one it became whole
     * ({@code becameWhole}: the code on today's borders, if there is one): a survey is answered after its year,
     * when a municipality that merged or was renumbered on 1 January answers for what it was. (Operators write
     * through their own endpoints: definitions, deadlines, imports.)
     */
    public void requireActingFor(String municipalityCode, Supplier<Optional<String>> becameWhole) {
        if (!is(Roles.MUNICIPALITY) || !isOrBecame(municipalityCode, becameWhole)) {
            throw ApiException.forbidden("This token may not act for municipality " + municipalityCode + ".");
        }
    }

    /** Reading a municipality's submission: the municipality itself (or the one it became whole), analysts and operators. */
    public void requireMayRead(String municipalityCode, Supplier<Optional<String>> becameWhole) {
        if (is(Roles.ANALYST) || is(Roles.OPERATOR)) {
            return;
        }
        if (is(Roles.MUNICIPALITY) && isOrBecame(municipalityCode, becameWhole)) {
            return;
        }
        throw ApiException.forbidden("This token may not read the submissions of municipality " + municipalityCode + ".");
    }

    private boolean isOrBecame(String municipalityCode, Supplier<Optional<String>> becameWhole) {
        Optional<String> own = municipality();
        return own.isPresent() && (own.get().equals(municipalityCode) || becameWhole.get().filter(own.get()::equals).isPresent());
    }
}
