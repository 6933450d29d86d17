package no.rusmonitor.report.publish;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;
import no.rusmonitor.report.readmodel.IndicatorValue;
import no.rusmonitor.report.render.Format;
import no.rusmonitor.report.render.RenderPool;
import no.rusmonitor.report.report.Figure;
import no.rusmonitor.report.report.ReportKey;

/** Reading published versions: their list, their frozen bytes, what they were built from, and diffs. */
@ApplicationScoped
public class Versions {

    /** What a numbered version answers with: it never changes. */
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    /** As the REST layer labels the JSON it writes itself. */
    private static final MediaType JSON = MediaType.APPLICATION_JSON_TYPE.withCharset("UTF-8");

    private final PublishedReportRepository repository;
    private final RenderPool renderPool;
    private final ObjectMapper mapper;

    @Inject
    public Versions(PublishedReportRepository repository, RenderPool renderPool, ObjectMapper mapper) {
        this.repository = repository;
        this.renderPool = renderPool;
        this.mapper = mapper;
    }

    public Uni<List<VersionSummary>> latestOfEach() {
        return repository.latestOfEach();
    }

    public Uni<List<VersionSummary>> list(ReportKey key) {
        return repository.versions(key.id(), key.path());
    }

    /** The stored bytes; {@code latest} answers with the newest version and names it in Content-Location. */
    public Uni<Response> content(ReportKey key, String version, Format format, String lang, String ifNoneMatch) {
        boolean latest = "latest".equals(version);
        return resolve(key, version, "version").flatMap(v -> repository.content(key.id(), v, format.name(), lang).map(content -> {
            if (content == null) {
                throw ApiException.notFound("Version " + v + " of " + key.id() + " has no " + format.name() + " in " + lang + ".");
            }
            String etag = "\"" + content.sha256() + "\"";
            Response.ResponseBuilder response = EntityTags.noneMatchFails(ifNoneMatch, etag) ? Response.notModified()
                    : Response.ok(content.body(), content.mediaType());
            response.header(HttpHeaders.ETAG, etag).header(HttpHeaders.CONTENT_LANGUAGE, lang)
                    .header("Report-Version", Integer.toString(v))
                    .header(HttpHeaders.VARY, "Accept, Accept-Language")
                    .header("Content-Disposition", disposition(key, "v" + v, lang, format));
            if (latest) {
                response.header(HttpHeaders.CACHE_CONTROL, "public, max-age=60")
                        .header("Content-Location", key.path() + "/versions/" + v + "." + format.name() + "?lang=" + lang);
            } else {
                response.header(HttpHeaders.CACHE_CONTROL, IMMUTABLE);
            }
            return response.build();
        }));
    }

    /**
     * What a version was built from, as JSON. A national report's sources are about 3 MB of JSON, so they are
     * read, shaped and written out on a render thread, as reports are: never on the event loop (which is left
     * only bytes to send), and only as many at once as there are render threads, however many ask.
     * <p>
     * A numbered version's sources never change: the public ones may be cached for good, as the version's
     * bytes are; {@code latest} for a minute. Unsuppressed sources are for the analyst who asked only.
     */
    public Uni<Response> sources(ReportKey key, String version, boolean unsuppressed) {
        boolean latest = "latest".equals(version);
        // A malformed version is answered 400 here, before it could take a place in the queue (or be refused 503).
        Uni<Integer> resolved = resolve(key, version, "version");
        return renderPool.serve(() -> {
            int v = RenderPool.read(resolved);
            PublishedReportRepository.Sources sources = repository.readSources(RenderPool.read(repository.sourcesJson(key.id(), v)));
            if (sources == null) {
                throw notFound(key, v);
            }
            if (unsuppressed) {
                return json(new SourcesView(key.id(), v, true, sources.submissions(), sources.values()));
            }
            List<SourceView> shown = new ArrayList<>(sources.values().size());
            for (IndicatorValue s : sources.values()) {
                shown.add(new SourceView(s.indicatorId(), s.level(), s.areaCode(), s.borders(), s.year(), s.revision(), s.definitionVersion(),
                        s.status(), s.suppressed(), s.isSuppressed() ? null : s.value(), s.submissionVersion(), s.computedAt()));
            }
            return json(new SourcesView(key.id(), v, false, sources.submissions(), shown));
        }).map(body -> Response.ok(body, JSON)
                .header(HttpHeaders.CACHE_CONTROL, unsuppressed ? "private, no-store" : latest ? "public, max-age=60" : IMMUTABLE).build());
    }

    /**
     * The figures that changed between two versions, as JSON; on a render thread, for the same reason as
     * {@link #sources}. Cached for good only when both versions were named by number: by default the diff
     * follows the newest version.
     */
    public Uni<Response> diff(ReportKey key, String from, String to, String lang) {
        boolean fromGiven = from != null && !from.isBlank();
        boolean toGiven = to != null && !to.isBlank();
        // Malformed versions are answered 400 here, before they could take a place in the queue (or be refused 503).
        Integer fromNumber = fromGiven ? number(from, "from") : null;
        Integer toNumber = toGiven ? number(to, "to") : null;
        return renderPool.serve(() -> {
            Integer latest = RenderPool.read(repository.latestVersion(key.id()));
            if (latest == null) {
                throw ApiException.notFound(key.id() + " has not been published.");
            }
            int toVersion = toGiven ? toNumber : latest;
            if (!fromGiven && !toGiven && latest == 1) {
                throw ApiException.notFound(key.id() + " has only version 1: there is no earlier version to compare it with.");
            }
            int fromVersion = fromGiven ? fromNumber : toVersion - 1;
            if (fromVersion < 1) {
                throw ApiException.badRequest("invalid-request", "There is no version before version 1 to compare with.",
                        List.of(fromGiven ? Issue.error("/from", "invalid", "Name a published version, 1 or later.")
                                : Issue.error("/to", "invalid", "Version 1 has no version before it: name a later one, or a from.")));
            }
            List<Figure> before = repository.readFigures(RenderPool.read(repository.figuresJson(key.id(), fromVersion, lang)));
            if (before == null) {
                throw notFound(key, fromVersion);
            }
            List<Figure> after = repository.readFigures(RenderPool.read(repository.figuresJson(key.id(), toVersion, lang)));
            if (after == null) {
                throw notFound(key, toVersion);
            }
            List<FigureChange> changes = FigureDiff.between(before, after);
            return json(new DiffView(key.id(), fromVersion, toVersion, lang, changes.size(), changes));
        }).map(body -> Response.ok(body, JSON)
                .header(HttpHeaders.CONTENT_LANGUAGE, lang)
                .header(HttpHeaders.CACHE_CONTROL, fromGiven && toGiven ? IMMUTABLE : "public, max-age=60")
                .header(HttpHeaders.VARY, "Accept-Language").build());
    }

    /** As the REST layer would write it (the same ObjectMapper), but here, on the render thread. */
    private byte[] json(Object view) {
        try {
            return mapper.writeValueAsBytes(view);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a view does not write as JSON", e);
        }
    }

    private Uni<Integer> resolve(ReportKey key, String version, String name) {
        if ("latest".equals(version)) {
            return repository.latestVersion(key.id()).map(latest -> {
                if (latest == null) {
                    throw ApiException.notFound(key.id() + " has not been published.");
                }
                return latest;
            });
        }
        return Uni.createFrom().item(number(version, name));
    }

    private static int number(String text, String name) {
        if (text != null && text.matches("\\d{1,6}") && Integer.parseInt(text) >= 1) {
            return Integer.parseInt(text);
        }
        throw ApiException.badRequest("invalid-request", "A version is a number from 1, or 'latest'.",
                List.of(Issue.error("/" + name, "invalid", "A version number from 1, or 'latest'.")));
    }

    private static ApiException notFound(ReportKey key, int version) {
        return ApiException.notFound(key.id() + " has no published version " + version + ".");
    }

    /** {@code inline; filename="rusmonitor-national-2024-v3-nb.pdf"}. */
    public static String disposition(ReportKey key, String variant, String lang, Format format) {
        return "inline; filename=\"rusmonitor-" + key.id().replace('/', '-') + "-" + variant + "-" + lang + "." + format.name() + "\"";
    }
}
