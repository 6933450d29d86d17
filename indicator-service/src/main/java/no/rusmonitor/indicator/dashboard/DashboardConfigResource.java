package no.rusmonitor.indicator.dashboard;

import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * What the dashboard (the static page this service serves at {@code /}) needs to know about its
 * surroundings and cannot find out by itself: where report-service answers for the public. Served here
 * rather than written into the page, so that one build runs behind any host.
 */
@Path("/api/dashboard/config")
@Tag(name = "Dashboard")
public class DashboardConfigResource {

    /** @param reportServiceUrl where report-service's public API is; empty: on this page's own origin (behind the Ingress) */
    public record DashboardConfig(String reportServiceUrl) {
    }

    private final DashboardConfig config;

    @Inject
    public DashboardConfigResource(@ConfigProperty(name = "rusmonitor.report-url") Optional<String> reportUrl) {
        this.config = new DashboardConfig(reportUrl.map(String::trim).map(u -> u.replaceAll("/+$", "")).orElse(""));
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The dashboard's settings: report-service's public base URL (empty: the same origin)")
    public DashboardConfig config() {
        return config;
    }
}
