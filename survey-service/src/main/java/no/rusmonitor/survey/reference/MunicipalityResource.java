package no.rusmonitor.survey.reference;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;
import no.rusmonitor.platform.request.YearParameter;
import no.rusmonitor.reference.MunicipalityCatalogue;

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
    public List<MunicipalityView> list(@QueryParam("year") String year) {
        return catalogue.validIn(year(year)).stream().map(MunicipalityView::of).toList();
    }

    @GET
    @Path("/{code}")
    @Operation(summary = "One municipality as valid in a year")
    public MunicipalityView one(@PathParam("code") @Pattern(regexp = "\\d{4}") String code,
            @QueryParam("year") String year) {
        int in = year(year);
        return catalogue.find(code, in).map(MunicipalityView::of)
                .orElseThrow(() -> ApiException.notFound("Municipality " + code + " did not exist in " + in + "."));
    }

    /**
     * The year asked for. Read as text: a query parameter JAX-RS cannot convert is a 404, as if the address
     * did not exist, where a client's mistake is a 400 naming the parameter.
     */
    private static int year(String text) {
        int first = MunicipalityCatalogue.FIRST_YEAR;
        int last = MunicipalityCatalogue.LAST_YEAR;
        return YearParameter.parse(text, first, last).orElseThrow(() -> ApiException.badRequest("invalid-request",
                "The year is a reporting year from " + first + " to " + last + ".",
                List.of(Issue.error("/year", "invalid", "A year from " + first + " to " + last + ", such as " + last + "."))));
    }
}
