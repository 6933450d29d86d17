package no.rusmonitor.survey.importing;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.outbox.OutboxRelay;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;
import no.rusmonitor.platform.security.Caller;
import no.rusmonitor.platform.security.Roles;
import no.rusmonitor.survey.submission.SubmissionMetrics;
import no.rusmonitor.survey.submission.NewVersion;

/** Bulk import of historical answers (operator), with a per-row report and a dry-run mode. */
@Path("/api/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Import")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Roles.OPERATOR)
public class ImportResource {

    private final ImportService service;
    private final OutboxRelay relay;
    private final SubmissionMetrics metrics;
    private final Caller caller;
    private final ObjectMapper mapper;

    @Inject
    public ImportResource(ImportService service, OutboxRelay relay, SubmissionMetrics metrics, Caller caller, ObjectMapper mapper) {
        this.service = service;
        this.relay = relay;
        this.metrics = metrics;
        this.caller = caller;
        this.mapper = mapper;
    }

    @POST
    @Consumes("text/csv")
    @Operation(summary = "Import a CSV: municipality_code, survey_year, then one column per question id")
    @Parameter(name = "dryRun", in = ParameterIn.QUERY, description = "true (or a bare ?dryRun): only report what the import would do",
            schema = @Schema(type = SchemaType.BOOLEAN))
    @APIResponse(responseCode = "200", description = "What became of each row",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    public Uni<RestResponse<byte[]>> importCsv(@Context UriInfo uri, byte[] body) {
        return answer(service.importCsv(body, dryRun(uri.getQueryParameters().get("dryRun")), caller.name()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import JSON: {\"rows\": [{\"municipalityCode\", \"surveyYear\", \"answers\"}]}")
    @Parameter(name = "dryRun", in = ParameterIn.QUERY, description = "true (or a bare ?dryRun): only report what the import would do",
            schema = @Schema(type = SchemaType.BOOLEAN))
    @APIResponse(responseCode = "200", description = "What became of each row",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ImportReport.class)))
    public Uni<RestResponse<byte[]>> importJson(@Context UriInfo uri, byte[] body) {
        return answer(service.importJson(body, dryRun(uri.getQueryParameters().get("dryRun")), caller.name()));
    }

    /**
     * The report as JSON, written on a worker thread: RESTEasy writes a returned object on the request's event
     * loop whichever thread completed it, and the report of 10,000 rows with their warnings runs to megabytes.
     */
    private Uni<RestResponse<byte[]>> answer(Uni<ImportReport> import_) {
        return import_.invoke(this::afterImport)
                .flatMap(report -> OffTheEventLoop.run(() -> json(report)))
                .map(json -> RestResponse.ResponseBuilder.ok(json, MediaType.APPLICATION_JSON_TYPE).build());
    }

    private byte[] json(ImportReport report) {
        try {
            return mapper.writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An import report could not be written as JSON", e);
        }
    }

    private void afterImport(ImportReport report) {
        if (!report.dryRun() && report.imported() > 0) {
            for (int i = 0; i < report.imported(); i++) {
                metrics.accepted(NewVersion.SOURCE_IMPORT);
            }
            relay.wakeUp();
        }
    }

    /**
     * {@code dryRun} is true or false, nothing else: JAX-RS would read {@code dryRun=yes} as false and import for
     * real what the caller meant to try out. A bare {@code ?dryRun} (or {@code dryRun=}) asks for a dry run too,
     * though {@code @QueryParam} would read it as absent. Given twice, both must say the same.
     */
    static boolean dryRun(List<String> values) {
        if (values == null) {
            return false;
        }
        List<String> said = values.stream().map(v -> v.isEmpty() ? "true" : v.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
        if (said.isEmpty() || said.equals(List.of("true"))) {
            return true;
        }
        if (said.equals(List.of("false"))) {
            return false;
        }
        throw ApiException.badRequest("invalid-request", "dryRun is true or false.",
                List.of(Issue.error("/dryRun", "invalid", "Use true or false.")));
    }
}
