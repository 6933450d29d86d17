package no.rusmonitor.report.api;

import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;
import no.rusmonitor.platform.request.IdempotencyKey;
import no.rusmonitor.platform.request.YearParameter;
import no.rusmonitor.platform.security.Caller;
import no.rusmonitor.platform.security.Roles;
import no.rusmonitor.report.publish.DiffView;
import no.rusmonitor.report.publish.PublishService;
import no.rusmonitor.report.publish.SourcesView;
import no.rusmonitor.report.publish.VersionSummary;
import no.rusmonitor.report.publish.Versions;
import no.rusmonitor.report.readmodel.ReadModelRebuild;
import no.rusmonitor.report.render.Format;
import no.rusmonitor.report.render.RenderPool;
import no.rusmonitor.report.render.ReportRenderer;
import no.rusmonitor.report.report.ReportKey;
import no.rusmonitor.report.report.ReportService;

/**
 * The national status report of a year and each municipality's profile: drafts built live from the read
 * model (analysts), publishing, and the published versions, which anyone may read.
 * <p>
 * Format by extension ({@code .html}, {@code .pdf}, {@code .csv}, {@code .json}) or {@code Accept};
 * language by {@code lang} ({@code nb}, {@code en}) or {@code Accept-Language}.
 */
@Path("/api/reports")
@Tag(name = "Reports")
public class ReportResource {

    private static final String YEAR = "{year: [^/]+?}";
    private static final String EXT = "{ext: (\\.[A-Za-z0-9]+)?}";
    private static final String VERSION = "{version: [^/]+?}";
    // Sources and diffs are written out as JSON on a render thread (publish.Versions), so their methods answer a
    // Response: these name what its body is for /q/openapi.
    private static final String SOURCES = "What the version was built from; a numbered version's may be cached for good";
    private static final String RAW_SOURCES = "What the version was built from, small numbers included; not to be cached";
    private static final String DIFF = "The changed numbers; cached for good when both versions are named by number";

    private final ReportService reports;
    private final ReportRenderer renderer;
    private final RenderPool renderPool;
    private final PublishService publisher;
    private final Versions versions;
    private final ReadModelRebuild readModel;
    private final Caller caller;

    @Inject
    public ReportResource(ReportService reports, ReportRenderer renderer, RenderPool renderPool, PublishService publisher, Versions versions,
            ReadModelRebuild readModel, Caller caller) {
        this.reports = reports;
        this.renderer = renderer;
        this.renderPool = renderPool;
        this.publisher = publisher;
        this.versions = versions;
        this.readModel = readModel;
        this.caller = caller;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every published report and its newest version")
    public Uni<List<VersionSummary>> published() {
        return versions.latestOfEach();
    }

    // --- national ---------------------------------------------------------------------------------

    @GET
    @Path("/national/" + YEAR + EXT)
    @RolesAllowed(Roles.ANALYST)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Draft of the national status report, built from the numbers as they are now (unsuppressed=true shows small numbers)")
    public Uni<Response> nationalDraft(@PathParam("year") String year, @PathParam("ext") String ext, @QueryParam("lang") String lang,
            @QueryParam("unsuppressed") String unsuppressed, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return draft(ReportKey.national(year(year)), ext, lang, unsuppressed, accept, acceptLanguage);
    }

    @POST
    @Path("/national/" + YEAR + "/versions")
    @RolesAllowed(Roles.ANALYST)
    @SecurityRequirement(name = "jwt")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish the national report: freeze it as the next version and announce it on rusmonitor.reports.v1. "
            + "Idempotency-Key makes retries safe.")
    public Uni<Response> publishNational(@PathParam("year") String year, @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey) {
        return publish(ReportKey.national(year(year)), idempotencyKey);
    }

    @GET
    @Path("/national/" + YEAR + "/versions")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The published versions of the national report")
    public Uni<List<VersionSummary>> nationalVersions(@PathParam("year") String year) {
        return versions.list(ReportKey.national(year(year)));
    }

    @GET
    @Path("/national/" + YEAR + "/versions/" + VERSION + EXT)
    @PermitAll
    @Operation(summary = "A published version (a number, or 'latest'), byte for byte as it was published")
    public Uni<Response> nationalVersion(@PathParam("year") String year, @PathParam("version") String version, @PathParam("ext") String ext,
            @QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return versions.content(ReportKey.national(year(year)), version, Negotiation.format(ext, accept),
                Negotiation.language(lang, acceptLanguage), ifNoneMatch);
    }

    @GET
    @Path("/national/" + YEAR + "/versions/" + VERSION + "/sources")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The indicator values and submission versions a published version was built from (small numbers withheld)")
    @APIResponse(responseCode = "200", description = SOURCES, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SourcesView.class)))
    public Uni<Response> nationalSources(@PathParam("year") String year, @PathParam("version") String version) {
        return versions.sources(ReportKey.national(year(year)), version, false);
    }

    @GET
    @Path("/national/" + YEAR + "/versions/" + VERSION + "/sources/unsuppressed")
    @RolesAllowed(Roles.ANALYST)
    @SecurityRequirement(name = "jwt")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The raw indicator values a published version was built from, small numbers included")
    @APIResponse(responseCode = "200", description = RAW_SOURCES, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SourcesView.class)))
    public Uni<Response> nationalSourcesUnsuppressed(@PathParam("year") String year, @PathParam("version") String version) {
        return versions.sources(ReportKey.national(year(year)), version, true);
    }

    @GET
    @Path("/national/" + YEAR + "/diff")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which numbers changed between two published versions (default: the newest and the one before)")
    @APIResponse(responseCode = "200", description = DIFF, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DiffView.class)))
    public Uni<Response> nationalDiff(@PathParam("year") String year, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return versions.diff(ReportKey.national(year(year)), from, to, Negotiation.language(lang, acceptLanguage));
    }

    // --- municipality profiles --------------------------------------------------------------------

    @GET
    @Path("/municipalities/{code}/" + YEAR + EXT)
    @RolesAllowed(Roles.ANALYST)
    @SecurityRequirement(name = "jwt")
    @Operation(summary = "Draft of a municipality's profile on today's borders, built from the numbers as they are now")
    public Uni<Response> profileDraft(@PathParam("code") String code, @PathParam("year") String year, @PathParam("ext") String ext,
            @QueryParam("lang") String lang, @QueryParam("unsuppressed") String unsuppressed, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return draft(profile(code, year), ext, lang, unsuppressed, accept, acceptLanguage);
    }

    @POST
    @Path("/municipalities/{code}/" + YEAR + "/versions")
    @RolesAllowed(Roles.ANALYST)
    @SecurityRequirement(name = "jwt")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Publish a municipality profile as its next version. Idempotency-Key makes retries safe.")
    public Uni<Response> publishProfile(@PathParam("code") String code, @PathParam("year") String year,
            @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey) {
        return publish(profile(code, year), idempotencyKey);
    }

    @GET
    @Path("/municipalities/{code}/" + YEAR + "/versions")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The published versions of a municipality profile")
    public Uni<List<VersionSummary>> profileVersions(@PathParam("code") String code, @PathParam("year") String year) {
        return versions.list(publishedProfile(code, year));
    }

    @GET
    @Path("/municipalities/{code}/" + YEAR + "/versions/" + VERSION + EXT)
    @PermitAll
    @Operation(summary = "A published version of a municipality profile (a number, or 'latest')")
    public Uni<Response> profileVersion(@PathParam("code") String code, @PathParam("year") String year, @PathParam("version") String version,
            @PathParam("ext") String ext, @QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT) String accept,
            @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage, @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        return versions.content(publishedProfile(code, year), version, Negotiation.format(ext, accept), Negotiation.language(lang, acceptLanguage),
                ifNoneMatch);
    }

    @GET
    @Path("/municipalities/{code}/" + YEAR + "/versions/" + VERSION + "/sources")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The indicator values and submission versions a published profile was built from (small numbers withheld)")
    @APIResponse(responseCode = "200", description = SOURCES, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SourcesView.class)))
    public Uni<Response> profileSources(@PathParam("code") String code, @PathParam("year") String year,
            @PathParam("version") String version) {
        return versions.sources(publishedProfile(code, year), version, false);
    }

    @GET
    @Path("/municipalities/{code}/" + YEAR + "/versions/" + VERSION + "/sources/unsuppressed")
    @RolesAllowed(Roles.ANALYST)
    @SecurityRequirement(name = "jwt")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The raw indicator values a published profile was built from, small numbers included")
    @APIResponse(responseCode = "200", description = RAW_SOURCES, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = SourcesView.class)))
    public Uni<Response> profileSourcesUnsuppressed(@PathParam("code") String code, @PathParam("year") String year,
            @PathParam("version") String version) {
        return versions.sources(publishedProfile(code, year), version, true);
    }

    @GET
    @Path("/municipalities/{code}/" + YEAR + "/diff")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which numbers changed between two published versions of a profile")
    @APIResponse(responseCode = "200", description = DIFF, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = DiffView.class)))
    public Uni<Response> profileDiff(@PathParam("code") String code, @PathParam("year") String year, @QueryParam("from") String from,
            @QueryParam("to") String to, @QueryParam("lang") String lang, @HeaderParam(HttpHeaders.ACCEPT_LANGUAGE) String acceptLanguage) {
        return versions.diff(publishedProfile(code, year), from, to, Negotiation.language(lang, acceptLanguage));
    }

    // --- shared -----------------------------------------------------------------------------------

    private Uni<Response> draft(ReportKey key, String ext, String lang, String unsuppressed, String accept, String acceptLanguage) {
        Format format = Negotiation.format(ext, accept);
        String language = Negotiation.language(lang, acceptLanguage);
        boolean raw = flag("unsuppressed", unsuppressed);
        // While a rebuild reads the topic again, the read model holds some values old and others not yet: a
        // draft "built from the numbers as they are now" would be neither, so it waits as publishing does.
        return readModel.fromCompleteModel(
                () -> renderPool.build(() -> renderer.render(reports.build(RenderPool.read(reports.sources(key)), language, raw), format)))
                .map(body -> Response.ok(body, format.contentType())
                        .header(HttpHeaders.CONTENT_LANGUAGE, language)
                        .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                        .header(HttpHeaders.VARY, "Accept, Accept-Language, Authorization")
                        .header("Content-Disposition", Versions.disposition(key, raw ? "draft-unsuppressed" : "draft", language, format))
                        .build());
    }

    private Uni<Response> publish(ReportKey key, String idempotencyKey) {
        IdempotencyKey.requireWellFormed(idempotencyKey);
        return publisher.publish(key, caller.name(), idempotencyKey).map(published -> {
            Response.ResponseBuilder response = Response.status(Response.Status.CREATED)
                    .header(HttpHeaders.LOCATION, key.path() + "/versions/" + published.version().version())
                    .type(MediaType.APPLICATION_JSON).entity(published.version());
            if (published.replayed()) {
                response.header(IdempotencyKey.REPLAYED, "true");
            }
            return response.build();
        });
    }

    /** A profile to build now (a draft, or to publish): of a municipality on today's borders. */
    private ReportKey profile(String code, String year) {
        ReportKey key = publishedProfile(code, year);
        reports.municipality(code);
        return key;
    }

    /**
     * A profile as published: whether its municipality is still on today's list does not matter, so that a
     * version, once published, stays readable after a reference-data release retires the code (a version not
     * published is a 404 all the same).
     */
    private ReportKey publishedProfile(String code, String year) {
        int y = year(year);
        if (code == null || !code.matches("\\d{4}")) {
            throw ApiException.badRequest("invalid-request", "A municipality code has four digits.",
                    List.of(Issue.error("/code", "invalid", "A municipality code has four digits, such as 0301.")));
        }
        return ReportKey.profile(code, y);
    }

    static int year(String year) {
        return YearParameter.parse(year, 2015, 2100).orElseThrow(() -> ApiException.badRequest("invalid-request",
                "The year is a reporting year from 2015 on.",
                List.of(Issue.error("/year", "invalid", "A reporting year from 2015 on, such as 2024."))));
    }

    static boolean flag(String name, String value) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("invalid-request", name + " is true or false.",
                    List.of(Issue.error("/" + name, "invalid", "Use true or false.")));
        };
    }
}
