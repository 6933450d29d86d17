package no.rusmonitor.indicator.definition;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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
import no.rusmonitor.platform.security.Caller;
import no.rusmonitor.platform.security.Roles;

/** The indicator catalogue (public) and the publication of new definition versions (operators). */
@Path("/api/indicators")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Indicator definitions")
public class DefinitionResource {

    /** What a publication did: the new version, and the recomputation it caused. */
    public record PublishResponse(IndicatorDefinition definition, int yearsRecomputed, int valuesComputed, int valuesChanged) {
    }

    private final DefinitionService service;
    private final Caller caller;

    @Inject
    public DefinitionResource(DefinitionService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The indicator catalogue: the newest version of every indicator")
    public Uni<List<IndicatorDefinition>> catalogue() {
        return service.catalogue();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "The newest version of one indicator")
    public Uni<IndicatorDefinition> current(@PathParam("id") String id) {
        return service.current(id);
    }

    @GET
    @Path("/{id}/versions")
    @Operation(summary = "Every published version of one indicator")
    public Uni<List<IndicatorDefinition>> versions(@PathParam("id") String id) {
        return service.versions(id);
    }

    @GET
    @Path("/{id}/versions/{version: [1-9][0-9]*}")
    @Operation(summary = "One version of one indicator")
    public Uni<IndicatorDefinition> version(@PathParam("id") String id, @PathParam("version") int version) {
        return service.version(id, version);
    }

    @POST
    @Path("/{id}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Publish the next version of an indicator (or a new indicator) and recompute it everywhere (operator)",
            description = "Formulas are checked first: a syntax error, an unknown question or a formula that fails on typical answers is "
                    + "refused with 422 naming the field. The recomputation happens before the answer; changed values are published.")
    public Uni<RestResponse<PublishResponse>> publish(@PathParam("id") String id, @NotNull @Valid DefinitionContent request) {
        return service.publish(id, request, caller.name()).map(result -> RestResponse.ResponseBuilder
                .<PublishResponse>created(URI.create("/api/indicators/" + id + "/versions/" + result.definition().version()))
                .entity(new PublishResponse(result.definition(), result.yearsRecomputed(), result.valuesComputed(), result.valuesChanged()))
                .build());
    }
}
