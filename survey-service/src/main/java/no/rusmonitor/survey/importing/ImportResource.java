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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

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

    @Inject
    public ImportResource(ImportService service, OutboxRelay relay, SubmissionMetrics metrics, Caller caller) {
        this.service = service;
        this.relay = relay;
        this.metrics = metrics;
        this.caller = caller;
    }

    @POST
    @Consumes("text/csv")
    @Operation(summary = "Import a CSV: municipality_code, survey_year, then one column per question id")
    @Parameter(name = "dryRun", in = ParameterIn.QUERY, description = "true (or a bare ?dryRun): only report what the import would do",
            schema = @Schema(type = SchemaType.BOOLEAN))
    public Uni<ImportReport> importCsv(@Context UriInfo uri, byte[] body) {
        return service.importCsv(body, dryRun(uri.getQueryParameters().get("dryRun")), caller.name()).invoke(this::afterImport);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Import JSON: {\"rows\": [{\"municipalityCode\", \"surveyYear\", \"answers\"}]}")
    @Parameter(name = "dryRun", in = ParameterIn.QUERY, description = "true (or a bare ?dryRun): only report what the import would do",
            schema = @Schema(type = SchemaType.BOOLEAN))
    public Uni<ImportReport> importJson(@Context UriInfo uri, byte[] body) {
        return service.importJson(body, dryRun(uri.getQueryParameters().get("dryRun")), caller.name()).invoke(this::afterImport);
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
