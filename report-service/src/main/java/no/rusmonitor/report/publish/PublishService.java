package no.rusmonitor.report.publish;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import no.rusmonitor.platform.outbox.CloudEvent;
import no.rusmonitor.platform.outbox.OutboxRecord;
import no.rusmonitor.platform.outbox.OutboxRelay;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.ConcurrentChange;
import no.rusmonitor.reference.BorderMapping;
import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.report.readmodel.IndicatorValue;
import no.rusmonitor.report.readmodel.ReadModelRebuild;
import no.rusmonitor.report.render.Format;
import no.rusmonitor.report.render.Messages;
import no.rusmonitor.report.render.RenderPool;
import no.rusmonitor.report.render.ReportRenderer;
import no.rusmonitor.report.report.Figure;
import no.rusmonitor.report.report.Publication;
import no.rusmonitor.report.report.Report;
import no.rusmonitor.report.report.ReportKey;
import no.rusmonitor.report.report.ReportService;

/**
 * Publishing: the report is built from the read model as it is now, with small numbers withheld, rendered
 * in every format and language, and stored with the values and submission versions it came from, under
 * the next version number; the {@code report published} event goes out through the outbox. Later reads
 * return the stored bytes, whatever has arrived on the topic since.
 */
@ApplicationScoped
public class PublishService {

    public static final List<String> LANGUAGES = List.of(Messages.NB, Messages.EN);
    private static final String CONCURRENT_PUBLICATION = "concurrent-publication";

    private final ReportService reports;
    private final ReportRenderer renderer;
    private final RenderPool renderPool;
    private final PublishedReportRepository repository;
    private final OutboxRelay relay;
    private final ObjectMapper mapper;
    private final Clock clock;
    private final String topic;
    private final ReadModelRebuild readModel;
    private final MunicipalityCatalogue catalogue;
    private final Counter published;

    @Inject
    public PublishService(ReportService reports, ReportRenderer renderer, RenderPool renderPool, PublishedReportRepository repository,
            OutboxRelay relay, ReadModelRebuild readModel, MunicipalityCatalogue catalogue, ObjectMapper mapper, Clock clock,
            @ConfigProperty(name = "rusmonitor.topics.reports") String topic, MeterRegistry registry) {
        this.readModel = readModel;
        this.catalogue = catalogue;
        this.reports = reports;
        this.renderer = renderer;
        this.renderPool = renderPool;
        this.repository = repository;
        this.relay = relay;
        this.mapper = mapper;
        this.clock = clock;
        this.topic = topic;
        this.published = Counter.builder("rusmonitor.reports.published").description("Report versions published").register(registry);
    }

    /** A publication's answer: the version, and whether it was published before, for the same Idempotency-Key. */
    public record Published(VersionSummary version, boolean replayed) {
    }

    /**
     * Publishes the next version, or, for an Idempotency-Key {@code by} published this report with before, answers
     * with the version it made then and publishes nothing.
     */
    public Uni<Published> publish(ReportKey key, String by, String idempotencyKey) {
        if (idempotencyKey == null) {
            return publishNext(key, by, null).map(version -> new Published(version, false));
        }
        return repository.publishedWith(by, idempotencyKey, key.id(), clock.instant()).flatMap(earlier -> earlier == null
                ? publishNext(key, by, idempotencyKey).map(version -> new Published(version, false))
                        // The same request sent again while the first was being published: answered as the first was.
                        .onFailure(PublishService::lostARace).recoverWithUni(failure -> repository
                                .publishedWith(by, idempotencyKey, key.id(), clock.instant())
                                .flatMap(first -> first == null ? Uni.createFrom().failure(failure) : replay(key, first)))
                : replay(key, earlier));
    }

    private Uni<Published> replay(ReportKey key, int version) {
        return repository.versions(key.id(), key.path())
                .map(versions -> new Published(versions.stream().filter(v -> v.version() == version).findFirst().orElseThrow(), true));
    }

    private static boolean lostARace(Throwable failure) {
        return failure instanceof ApiException refused && CONCURRENT_PUBLICATION.equals(refused.problem().slug());
    }

    private Uni<VersionSummary> publishNext(ReportKey key, String by, String idempotencyKey) {
        // A version is frozen for good: never from a read model a rebuild has not finished filling, nor from one
        // a rebuild emptied while the report waited for a render thread or was being read, nor from an indicator's
        // values while they name two definition versions, or one that has not arrived (DefinitionChangeover).
        return readModel.fromCompleteModel(() -> renderPool.build(() -> {
            ReportService.Sources sources = RenderPool.read(reports.sources(key));
            DefinitionChangeover.requireSettled(sources.values(), sources.definitions());
            Integer latest = RenderPool.read(repository.latestVersion(key.id()));
            List<Figure> before = latest == null ? null : repository.readFigures(RenderPool.read(repository.figuresJson(key.id(), latest, Messages.EN)));
            return snapshot(key, sources, latest == null ? 1 : latest + 1, by, before);
        }))
                .flatMap(snapshot -> repository.insert(snapshot, idempotencyKey).replaceWith(snapshot))
                .onFailure(ConcurrentChange::isCause).transform(failure -> new ApiException(no.rusmonitor.platform.problem.Problem.of(409,
                        CONCURRENT_PUBLICATION, "Concurrent publication",
                        "Another analyst published this report at the same moment; look at its versions and publish again if needed.")))
                .invoke(snapshot -> {
                    published.increment();
                    relay.wakeUp();
                })
                .map(s -> new VersionSummary(s.reportId(), s.version(), s.publishedAt(), s.publishedBy(), s.sourceCount(),
                        links(key.path(), s.version())));
    }

    /** Blocking: renders eight documents, and writes the figures and sources out as JSON. */
    private PublishedReportRepository.Snapshot snapshot(ReportKey key, ReportService.Sources sources, int version, String by,
            List<Figure> before) {
        Instant at = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Publication publication = new Publication(version, at, by);
        Map<String, List<Figure>> figures = new LinkedHashMap<>();
        List<PublishedReportRepository.Content> contents = new ArrayList<>();
        Map<String, String> digests = new LinkedHashMap<>();
        String title = null;
        Instant asOf = null;
        for (String lang : LANGUAGES) {
            Report report = reports.build(sources, lang, false).published(publication);
            figures.put(lang, report.figures());
            if (title == null) {
                title = report.title();
                asOf = report.dataAsOf();
            }
            for (Format format : Format.values()) {
                byte[] body = renderer.render(report, format);
                String sha = sha256(body);
                contents.add(new PublishedReportRepository.Content(format.name(), lang, format.contentType(), body, sha));
                digests.put(format.name() + "/" + lang, sha);
            }
        }
        Set<SubmissionRef> submissions = new LinkedHashSet<>();
        Map<Integer, Map<String, BorderMapping>> todaysBorders = new HashMap<>();
        for (IndicatorValue v : sources.values()) {
            if (IndicatorValue.MUNICIPALITY.equals(v.level()) && v.submissionVersion() != null) {
                String submitter = submitter(v, todaysBorders.computeIfAbsent(v.year(), catalogue::todaysBordersFor));
                if (submitter != null) {
                    submissions.add(new SubmissionRef(submitter, v.year(), v.submissionVersion()));
                }
            }
        }
        Integer changed = before == null ? null : FigureDiff.between(before, figures.get(Messages.EN)).size();
        ReportPublished data = new ReportPublished(key.id(), key.kind(), key.year(), key.municipalityCode(), version, at, by, title,
                LANGUAGES, links(key.path(), version), digests, asOf, sources.values().size(), submissions.size(), changed);
        CloudEvent<ReportPublished> event = CloudEvent.of(ReportPublished.SOURCE, ReportPublished.TYPE, key.id() + "/versions/" + version,
                at, ReportPublished.SCHEMA, data);
        // Written out here, on the render thread: what follows (the generation check, the insert) runs on the event loop.
        String sourcesJson = repository.json(new PublishedReportRepository.Sources(sources.values(), List.copyOf(submissions)));
        return new PublishedReportRepository.Snapshot(key.id(), version, key.kind(), key.year(), key.municipalityCode(), at, by,
                repository.json(figures), sourcesJson, sources.values().size(), contents, OutboxRecord.of(topic, key.id(), event, mapper));
    }

    /**
     * The municipality whose submission a value names. On today's borders that is the one municipality of its
     * year the area was made of (indicator-service names a submission only then): Bergen's 2019 value on
     * today's borders is 4601's, but it came from 1201's submission.
     */
    static String submitter(IndicatorValue value, Map<String, BorderMapping> todaysBorders) {
        if (!IndicatorValue.TODAY.equals(value.borders())) {
            return value.areaCode();
        }
        BorderMapping mapping = todaysBorders.get(value.areaCode());
        return mapping == null || mapping.predecessors().size() != 1 ? null : mapping.predecessors().get(0);
    }

    public static Map<String, String> links(String path, int version) {
        Map<String, String> links = new LinkedHashMap<>();
        for (Format format : Format.values()) {
            links.put(format.name(), path + "/versions/" + version + "." + format.name());
        }
        return links;
    }

    static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

}
