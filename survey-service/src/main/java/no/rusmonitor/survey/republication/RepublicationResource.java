package no.rusmonitor.survey.republication;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
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
import no.rusmonitor.platform.outbox.OutboxRelay;
import no.rusmonitor.platform.security.Caller;
import no.rusmonitor.platform.security.Roles;

/** Operators send a submission's newest version again, when a consumer lost or refused it (deploy/README). */
@Path("/api/surveys/{year}/submissions/{code}/republication")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Submissions")
@SecurityRequirement(name = "jwt")
public class RepublicationResource {

    private final RepublicationService service;
    private final OutboxRelay relay;
    private final Caller caller;

    @Inject
    public RepublicationResource(RepublicationService service, OutboxRelay relay, Caller caller) {
        this.service = service;
        this.relay = relay;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.OPERATOR)
    @Operation(summary = "Send the newest submitted version again to the other services (operator); changes nothing here")
    public Uni<RestResponse<Republication>> republish(@PathParam("year") int year, @PathParam("code") @Pattern(regexp = "\\d{4}") String code) {
        return service.republish(year, code, caller.name()).invoke(relay::wakeUp).map(RestResponse::accepted);
    }
}
