package no.rusmonitor.report.api;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import no.rusmonitor.platform.problem.ProblemMappers;
import no.rusmonitor.report.render.RenderPool;

/**
 * A request refused because the render threads' queue is full: its {@code 503} problem, as the platform's
 * mapper of {@link no.rusmonitor.platform.problem.ApiException} answers it, with {@code Retry-After}. The most
 * specific mapper wins, so this one answers {@link RenderPool.Busy} and the platform's every other refusal.
 */
public class BusyMapper {

    @ServerExceptionMapper
    public Response busy(RenderPool.Busy e, UriInfo uri) {
        return Response.fromResponse(ProblemMappers.problemResponse(e.problem().withInstance(uri.getPath())))
                .header(HttpHeaders.RETRY_AFTER, RenderPool.Busy.RETRY_AFTER).build();
    }
}
