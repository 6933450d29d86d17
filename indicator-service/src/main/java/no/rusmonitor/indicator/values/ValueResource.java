package no.rusmonitor.indicator.values;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Geography;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.definition.IndicatorDefinition;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;
import no.rusmonitor.reference.MunicipalityCatalogue;

/**
 * One indicator's values for everyone: small numbers are suppressed unless the bearer token has the analyst
 * role. JSON by default; CSV with {@code format=csv} or {@code Accept: text/csv}; JSON-stat 2.0 with
 * {@code format=json-stat2}.
 */
@Path("/api/indicators/{id}/values")
@Tag(name = "Indicator values")
public class ValueResource {

    /** A series as JSON. */
    public record SeriesResponse(IndicatorDefinition indicator, String level, String borders, int from, int to, String view,
            List<ValueView> values) {
    }

    private final ValueService service;
    private final Viewer viewer;

    @Inject
    public ValueResource(ValueService service, Viewer viewer) {
        this.service = service;
        this.viewer = viewer;
    }

    @GET
        @Produces({ MediaType.APPLICATION_JSON, Format.CSV_TYPE })
    @Operation(summary = "One indicator's values by level, area, years and borders (JSON, CSV or JSON-stat 2.0)")
    public Uni<Response> series(@PathParam("id") String id,
            @Parameter(description = "municipality, county or country (default)") @QueryParam("level") String level,
            @Parameter(description = "area codes (comma-separated or repeated); all areas of the level when absent") @QueryParam("area") List<String> area,
            @Parameter(description = "first year (default 2015)") @QueryParam("from") String from,
            @Parameter(description = "last year (default 2024)") @QueryParam("to") String to,
            @Parameter(description = "as_reported (default) or 2024 (today's borders)") @QueryParam("borders") String borders,
            @Parameter(description = "json (default), csv or json-stat2") @QueryParam("format") String format,
            @Parameter(description = "public: the public view even for analysts") @QueryParam("view") String view,
            @Context HttpHeaders headers) {
        Format answer = Format.of(format, headers);
        boolean analyst = analystView(view);
        return service.series(id, level, borders, from, to, area, analyst).map(s -> switch (answer) {
            case csv -> Responses.csv(CsvTable.of(s.values(), Map.of(s.indicator().id(), s.indicator().decimals())),
                    s.indicator().id() + "-" + s.level() + "-" + s.borders().code() + "-" + s.from() + "-" + s.to(), s.analystView());
            case json_stat2 -> Responses.json(JsonStat.dataset(s.indicator().name().en(), List.of(s.indicator()), s.areas(), s.areaNames(), s.years(),
                    s.values(), Responses.extension(s.level().name(), s.borders().code(), s.analystView())), s.analystView());
            case json -> Responses.json(new SeriesResponse(s.indicator(), s.level().name(), s.borders().code(), s.from(), s.to(),
                    s.analystView() ? "analyst" : "public", s.values()), s.analystView());
        });
    }

    private boolean analystView(String view) {
        return Responses.analystView(viewer, view);
    }
}
