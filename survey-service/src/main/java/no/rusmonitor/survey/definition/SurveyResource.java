package no.rusmonitor.survey.definition;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Survey definitions (public to read) and their publication by operators. */
@Path("/api/surveys")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Survey definitions")
public class SurveyResource {

    private final DefinitionService service;
    private final Caller caller;

    @Inject
    public SurveyResource(DefinitionService service, Caller caller) {
        this.service = service;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Every year's survey: newest version and schedule")
    public Uni<List<SurveySummary>> surveys() {
        return service.surveys();
    }

    @GET
    @Path("/{year}")
    @Operation(summary = "The survey a municipality answers for a year now: newest definition and schedule")
    public Uni<CurrentSurvey> current(@PathParam("year") int year) {
        return service.currentSurvey(year);
    }

    @GET
    @Path("/{year}/versions")
    @Operation(summary = "Every published version of a year's survey")
    public Uni<List<VersionSummary>> versions(@PathParam("year") int year) {
        return service.versions(year);
    }

    @GET
    @Path("/{year}/versions/{version: [1-9][0-9]*}")
    @Operation(summary = "One version of a year's survey")
    public Uni<SurveyDefinition> version(@PathParam("year") int year, @PathParam("version") int version) {
        return service.version(year, version);
    }

    @POST
    @Path("/{year}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Publish the next version of a year's survey (operator)")
    public Uni<RestResponse<SurveyDefinition>> publish(@PathParam("year") int year, @NotNull @Valid DefinitionContent request) {
        return service.publish(year, request, caller.name()).invoke(() -> service.forget(year)).map(d -> RestResponse.ResponseBuilder.<SurveyDefinition>created(
                URI.create("/api/surveys/" + year + "/versions/" + d.version())).entity(d).build());
    }

    @PUT
    @Path("/{year}/versions/{version: [1-9][0-9]*}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Change a version in place; refused with 409 once anything was submitted against it (operator)")
    public Uni<SurveyDefinition> replace(@PathParam("year") int year, @PathParam("version") int version,
            @NotNull @Valid DefinitionContent request) {
        return service.replace(year, version, request, caller.name()).invoke(() -> service.forget(year));
    }

    @GET
    @Path("/{year}/schedule/history")
    @RolesAllowed({ Roles.ANALYST, Roles.OPERATOR })
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Every schedule the year's survey has had, oldest first, with when and by whom it was set (analysts, operators)")
    public Uni<List<ScheduleChange>> scheduleHistory(@PathParam("year") int year) {
        return service.scheduleHistory(year);
    }

    @PUT
    @Path("/{year}/schedule")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Set when a year's survey opens and its deadline (operator)")
    public Uni<Schedule> schedule(@PathParam("year") int year, @NotNull @Valid Schedule request) {
        return service.setSchedule(year, request, caller.name()).invoke(() -> service.forget(year));
    }
}
