package no.rusmonitor.survey.reference;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.platform.problem.ApiException;

/** Public reference data: which municipalities existed, and were expected to report, in a year. */
@Path("/api/municipalities")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Reference data")
public class MunicipalityResource {

    private final MunicipalityCatalogue catalogue;

    @Inject
    public MunicipalityResource(MunicipalityCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    @GET
    @Operation(summary = "Municipalities valid in a year (the ones expected to report for that year)")
    public List<MunicipalityView> list(@QueryParam("year") @NotNull @Min(2015) @Max(2024) Integer year) {
        return catalogue.validIn(year).stream().map(MunicipalityView::of).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One municipality as valid in a year")
    public MunicipalityView one(@PathParam("code") @Pattern(regexp = "\\d{4}") String code,
            @QueryParam("year") @NotNull @Min(2015) @Max(2024) Integer year) {
        return catalogue.find(code, year).map(MunicipalityView::of)
                .orElseThrow(() -> ApiException.notFound("Municipality " + code + " did not exist in " + year + "."));
    }
}
