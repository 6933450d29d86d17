package no.rusmonitor.indicator.rebuild;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;
import no.rusmonitor.platform.security.Caller;
import no.rusmonitor.platform.security.Roles;

/** Full rebuilds of every indicator from the stored answers (operators start them; analysts may watch). */
@Path("/api/rebuilds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Rebuild")
@SecurityRequirement(name = "jwt")
public class RebuildResource {

    private final RebuildService service;
    private final Caller caller;

    @Inject
    public RebuildResource(RebuildService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Start a full rebuild (operator); 202 with its progress, 409 while another runs")
    public Uni<RestResponse<RebuildView>> start() {
        return service.start(caller.name()).map(view -> RestResponse.ResponseBuilder.<RebuildView>accepted()
                .location(URI.create("/api/rebuilds/" + view.id())).entity(view).build());
    }

    @GET
    @RolesAllowed({ Roles.OPERATOR, Roles.ANALYST })
    @Operation(summary = "The latest rebuilds, newest first")
    public Uni<List<RebuildView>> recent() {
        return service.recent();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.OPERATOR, Roles.ANALYST })
    @Operation(summary = "One rebuild and its progress")
    public Uni<RebuildView> get(@PathParam("id") String id) {
        UUID uuid;
        try {
            uuid = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("There is no rebuild " + Issue.quote(id) + ".");
        }
        return service.get(uuid);
    }
}
