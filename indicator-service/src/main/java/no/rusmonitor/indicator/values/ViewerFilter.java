package no.rusmonitor.indicator.values;

import java.time.Instant;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.security.Roles;

/**
 * Resolves the caller's identity before the resource runs (authentication is lazy in this service, so
 * that its failures reach the problem+json mappers): a token that fails verification is a 401 even on
 * public reads, and a valid analyst token opens the raw view.
 */
public class ViewerFilter {

    private final CurrentIdentityAssociation identity;
    private final Viewer viewer;

    @Inject
    public ViewerFilter(CurrentIdentityAssociation identity, Viewer viewer) {
        this.identity = identity;
        this.viewer = viewer;
    }

    @ServerRequestFilter
    public Uni<Void> resolve() {
        return identity.getDeferredIdentity().invoke(id -> viewer.setAnalyst(!id.isAnonymous() && id.hasRole(Roles.ANALYST),
                id.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0 ? Instant.ofEpochSecond(token.getExpirationTime())
                        : null)).replaceWithVoid();
    }
}
