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
import no.rusmonitor.platform.request.YearParameter;
import no.rusmonitor.reference.MunicipalityCatalogue;

/**
 * The areas, and an area's indicators, for everyone: small numbers are suppressed unless the bearer token has the analyst
 * role. JSON by default; CSV with {@code format=csv} or {@code Accept: text/csv}; JSON-stat 2.0 with
 * {@code format=json-stat2}.
 */
@Path("/api/areas")
@Tag(name = "Indicator values")
public class AreaResource {

    /** An area values exist for. */
    public record Area(String level, String code, String name) {
    }

    /** An area's indicators for a year as JSON. */
    public record AreaResponse(String level, String areaCode, String areaName, String borders, int year, String view, List<ValueView> values) {
    }

    private final ValueService service;
    private final Viewer viewer;
    private final Geography geography;

    @Inject
    public AreaResource(ValueService service, Viewer viewer, Geography geography) {
        this.service = service;
        this.viewer = viewer;
        this.geography = geography;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The areas of a year (default 2024) on the given borders, optionally of one level")
    public List<Area> areas(@QueryParam("year") String year, @QueryParam("borders") String borders, @QueryParam("level") String level) {
        int y;
        Borders b;
        List<Level> levels;
        try {
            y = year == null || year.isBlank() ? MunicipalityCatalogue.LAST_YEAR
                    : YearParameter.parse(year, MunicipalityCatalogue.FIRST_YEAR, MunicipalityCatalogue.LAST_YEAR)
                            .orElseThrow(IllegalArgumentException::new);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-request", "The query is invalid.", List.of(Issue.error("/year", "invalid",
                    "A year from " + MunicipalityCatalogue.FIRST_YEAR + " to " + MunicipalityCatalogue.LAST_YEAR + " is expected.")));
        }
        try {
            b = borders == null || borders.isBlank() ? Borders.AS_REPORTED : Borders.parse(borders);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-request", "The query is invalid.",
                    List.of(Issue.error("/borders", "invalid", "borders must be as_reported or 2024.")));
        }
        try {
            levels = level == null || level.isBlank() ? List.of(Level.values()) : List.of(Level.parse(level));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid-request", "The query is invalid.",
                    List.of(Issue.error("/level", "invalid", "level must be municipality, county or country.")));
        }
        List<Area> areas = new ArrayList<>();
        for (Level l : levels) {
            for (String code : geography.year(y).areaCodes(l, b)) {
                areas.add(new Area(l.name(), code, geography.year(y).areaName(l, b, code)));
            }
        }
        return areas;
    }

    @GET
    @Path("/{level}/{code}/values")
    @Produces({ MediaType.APPLICATION_JSON, Format.CSV_TYPE })
    @Operation(summary = "Every indicator's value for one area (municipality, county or NO) and year (JSON, CSV or JSON-stat 2.0)")
    public Uni<Response> area(@PathParam("level") String level, @PathParam("code") String code,
            @Parameter(description = "the year") @QueryParam("year") String year,
            @Parameter(description = "as_reported (default) or 2024 (today's borders)") @QueryParam("borders") String borders,
            @Parameter(description = "json (default), csv or json-stat2") @QueryParam("format") String format,
            @Parameter(description = "public: the public view even for analysts") @QueryParam("view") String view,
            @Context HttpHeaders headers) {
        Format answer = Format.of(format, headers);
        boolean analyst = analystView(view);
        return service.area(level, code, borders, year, analyst).map(a -> {
            Map<String, Integer> decimals = new LinkedHashMap<>();
            a.indicators().forEach(d -> decimals.put(d.id(), d.decimals()));
            return switch (answer) {
                case csv -> Responses.csv(CsvTable.of(a.values(), decimals), a.level() + "-" + a.areaCode() + "-" + a.year() + "-" + a.borders().code(), a.analystView());
                case json_stat2 -> Responses.json(JsonStat.dataset(a.areaName() + " " + a.year(), a.indicators(), List.of(a.areaCode()),
                        Map.of(a.areaCode(), a.areaName()), List.of(a.year()), a.values(),
                        Responses.extension(a.level().name(), a.borders().code(), a.analystView())), a.analystView());
                case json -> Responses.json(new AreaResponse(a.level().name(), a.areaCode(), a.areaName(), a.borders().code(), a.year(),
                        a.analystView() ? "analyst" : "public", a.values()), a.analystView());
            };
        });
    }

    private boolean analystView(String view) {
        return Responses.analystView(viewer, view);
    }
}
