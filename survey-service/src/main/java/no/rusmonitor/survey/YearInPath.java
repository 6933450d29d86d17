package no.rusmonitor.survey;

import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.request.YearParameter;

/**
 * survey-service's addresses carry the year as an {@code int} path parameter, and JAX-RS converts it as
 * {@link Integer#parseInt} does: {@code /api/surveys/+2024} and a year in another script's digits would
 * address 2024. This holds them to the reading every service shares ({@link YearParameter}: four ASCII
 * digits). Anything else is not an address here, a 404 like {@code /api/surveys/twenty}; whether a survey
 * exists for the year is the resource's answer.
 */
public class YearInPath {

    @ServerRequestFilter
    public void fourDigits(UriInfo uri) {
        String year = uri.getPathParameters().getFirst("year");
        if (year != null && YearParameter.parse(year, 0, 9999).isEmpty()) {
            throw ApiException.notFound("There is nothing at this address.");
        }
    }
}
