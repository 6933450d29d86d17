package no.rusmonitor.survey.deadline;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
import no.rusmonitor.platform.security.Caller;
import no.rusmonitor.platform.security.Roles;

/** After the deadline a submission is locked; operators reopen it for one municipality. */
@Path("/api/surveys/{year}/reopenings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Deadlines")
@SecurityRequirement(name = "jwt")
public class ReopeningResource {

    private final ReopeningService service;
    private final Caller caller;

    @Inject
    public ReopeningResource(ReopeningService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.OPERATOR, Roles.ANALYST })
    @Operation(summary = "Municipalities whose submission is reopened after the deadline")
    public Uni<List<ReopeningView>> open(@PathParam("year") int year) {
        return service.open(year);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({ Roles.OPERATOR, Roles.ANALYST })
    @Operation(summary = "One municipality's reopening, while it is open (the address a reopening's Location names)")
    public Uni<ReopeningView> one(@PathParam("year") int year, @PathParam("code") @Pattern(regexp = "\\d{4}") String code) {
        return service.open(year).map(open -> open.stream().filter(r -> r.municipalityCode().equals(code)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Municipality " + code + " is not reopened for " + year + ".")));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Reopen one municipality's submission after the deadline (operator)")
    public Uni<RestResponse<ReopeningView>> reopen(@PathParam("year") int year, @NotNull @Valid ReopenRequest request) {
        return service.reopen(year, request, caller.name()).map(view -> RestResponse.ResponseBuilder.<ReopeningView>created(
                URI.create("/api/surveys/" + year + "/reopenings/" + view.municipalityCode())).entity(view).build());
    }

    @DELETE
    @Path("/{code}")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Lock a reopened submission again (operator)")
    public Uni<ReopeningView> close(@PathParam("year") int year, @PathParam("code") @Pattern(regexp = "\\d{4}") String code) {
        return service.close(year, code, caller.name());
    }
}
