package no.rusmonitor.report.readmodel;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.security.Caller;
import no.rusmonitor.platform.security.Roles;

/**
 * The state of the read model, and the rebuild from the beginning of the indicator topic. Analysts may look; only
 * operators rebuild, as they do the indicators, since a rebuild leaves the read model incomplete and publishing
 * refused until it has read the topic again.
 */
@Path("/api/read-model")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Read model")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ Roles.ANALYST, Roles.OPERATOR })
public class ReadModelResource {

    private final IndicatorValueRepository values;
    private final ReadModelRebuild rebuild;
    private final Caller caller;

    @Inject
    public ReadModelResource(IndicatorValueRepository values, ReadModelRebuild rebuild, Caller caller) {
        this.values = values;
        this.rebuild = rebuild;
        this.caller = caller;
    }

    /**
     * @param values     indicator values held
     * @param generation how many rebuilds were asked for
     * @param rebuilding whether the last rebuild is still reading the topic again (the read model is incomplete)
     */
    public record Status(long values, Instant lastChangeAt, long generation, Instant rebuildRequestedAt, String rebuildRequestedBy,
            boolean rebuilding) {
    }

    @GET
    @Operation(summary = "How many indicator values the read model holds, when it last changed, and the last rebuild")
    public Uni<Status> status() {
        return Uni.combine().all().unis(values.count(), values.lastChange(), rebuild.state(), rebuild.rebuilding())
                .with((count, last, state, rebuilding) -> new Status(count, last, state.generation(), state.requestedAt(), state.requestedBy(),
                        rebuilding));
    }

    @POST
    @Path("/rebuild")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Empty the read model and read the indicator topic again from its beginning (every replica)")
    public Uni<Response> rebuild() {
        return rebuild.request(caller.name()).flatMap(state -> status())
                .map(status -> Response.accepted(status).build());
    }
}
