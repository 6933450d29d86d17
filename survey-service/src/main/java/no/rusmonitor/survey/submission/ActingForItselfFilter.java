package no.rusmonitor.survey.submission;

import java.util.OptionalInt;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import no.rusmonitor.platform.request.YearParameter;
import no.rusmonitor.platform.security.Caller;
import no.rusmonitor.reference.MunicipalityCatalogue;

/**
 * Refuses a municipality's write for another municipality (403) before its body is read, as filters run
 * before the body is: the answer is then the same whatever the body (malformed, or invalid, would otherwise
 * be answered 400, telling the caller how a write it may not make would be read), and no body of a caller
 * without the right is parsed at all. The role itself (a municipality's token) is checked earlier still, by
 * {@code @RolesAllowed}.
 */
public class ActingForItselfFilter {

    private final Caller caller;
    private final MunicipalityCatalogue catalogue;

    @Inject
    public ActingForItselfFilter(Caller caller, MunicipalityCatalogue catalogue) {
        this.caller = caller;
        this.catalogue = catalogue;
    }

    @ServerRequestFilter
    public void onlyForItself(ResourceInfo resource, UriInfo uri) {
        if (resource.getResourceMethod() == null || !resource.getResourceMethod().isAnnotationPresent(ActsForItself.class)) {
            return;
        }
        String code = uri.getPathParameters().getFirst("code");
        OptionalInt year = YearParameter.parse(uri.getPathParameters().getFirst("year"), 0, 9999);
        // An address that is not one (a year or code of the wrong form) is answered 404 or 400 as anywhere else.
        if (code == null || !code.matches(SubmissionResource.CODE) || year.isEmpty()) {
            return;
        }
        caller.requireActingFor(code, () -> catalogue.soleSuccessorOf(code, year.getAsInt()));
    }
}
