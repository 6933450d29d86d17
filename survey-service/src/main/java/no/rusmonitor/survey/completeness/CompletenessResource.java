package no.rusmonitor.survey.completeness;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.security.Roles;

/** Who was expected to report, who has, who was late, who has a draft only: as JSON or CSV. */
@Path("/api/surveys/{year}/completeness")
@Tag(name = "Completeness")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ Roles.ANALYST, Roles.OPERATOR })
public class CompletenessResource {

    public static final String TEXT_CSV = "text/csv";

    private final CompletenessService service;

    @Inject
    public CompletenessResource(CompletenessService service) {
        this.service = service;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Completeness of a year's survey")
    public Uni<CompletenessReport> json(@PathParam("year") int year) {
        return service.report(year);
    }

    /** qs ranks JSON first for a client that takes either; the answer names its type itself, without the ranking. */
    @GET
    @Produces(TEXT_CSV + ";charset=UTF-8;qs=0.5")
    @Operation(summary = "Completeness of a year's survey, one row per expected municipality")
    public Uni<Response> csv(@PathParam("year") int year) {
        return service.report(year).map(report -> Response.ok(toCsv(report), TEXT_CSV + ";charset=UTF-8").build());
    }

    static String toCsv(CompletenessReport report) {
        StringWriter out = new StringWriter();
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader("survey_year", "municipality_code", "name", "county_code",
                "county_name", "status", "current_version", "first_submitted_at", "last_submitted_at", "draft_saved_at").get();
        try (CSVPrinter printer = new CSVPrinter(out, format)) {
            for (CompletenessEntry e : report.municipalities()) {
                printer.printRecord(report.surveyYear(), e.municipalityCode(), e.name(), e.countyCode(), e.countyName(),
                        e.status(), e.currentVersion(), text(e.firstSubmittedAt()), text(e.lastSubmittedAt()), text(e.draftSavedAt()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static String text(Instant instant) {
        return instant == null ? "" : instant.toString();
    }
}
