package no.rusmonitor.report.render;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.qute.TemplateInstance;
import no.rusmonitor.report.report.CountyRow;
import no.rusmonitor.report.report.Figure;
import no.rusmonitor.report.report.MunicipalityProfile;
import no.rusmonitor.report.report.Names;
import no.rusmonitor.report.report.NationalGoal;
import no.rusmonitor.report.report.NationalIndicator;
import no.rusmonitor.report.report.NationalReport;
import no.rusmonitor.report.report.ProfileGoal;
import no.rusmonitor.report.report.ProfileIndicator;
import no.rusmonitor.report.report.Publication;
import no.rusmonitor.report.report.Report;

/**
 * Turns a report into bytes: HTML from the Qute templates with the charts inline as SVG, PDF from the same
 * templates through openhtmltopdf with the charts drawn straight into it, CSV with one row per figure, and
 * JSON. Blocking and CPU-bound: call it on a {@link RenderPool} thread, never the event loop.
 */
@ApplicationScoped
public class ReportRenderer {

    public static final String[] CSV_HEADER = { "indicator_id", "indicator", "unit", "area_level", "area_code", "area_name", "year",
            "measure", "value", "flag" };
    private static final Set<String> WHOLE = Set.of("reporting", "expected", "spread_count", "submission_version");
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ObjectMapper mapper;
    private final MeterRegistry registry;

    @Inject
    public ReportRenderer(ObjectMapper mapper, MeterRegistry registry) {
        this.mapper = mapper;
        this.registry = registry;
    }

    public byte[] render(Report report, Format format) {
        Timer.Sample sample = Timer.start(registry);
        try {
            return switch (format) {
                case html -> utf8(page(report, ChartRenderer::svg));
                case pdf -> pdf(report);
                case csv -> csv(report).getBytes(StandardCharsets.UTF_8);
                case json -> json(report);
            };
        } finally {
            sample.stop(Timer.builder("rusmonitor.report.render").description("Time to render a report")
                    .tag("kind", report.kind()).tag("format", format.name()).register(registry));
        }
    }

    private TemplateInstance page(Report report, ChartPlacement charts) {
        Messages t = Messages.of(report.lang());
        Formats f = new Formats(report.lang());
        Header header = header(report, t);
        if (report instanceof NationalReport national) {
            return ReportTemplates.national(drawn(national, charts), t, f, header);
        }
        return ReportTemplates.profile(drawn((MunicipalityProfile) report, charts), t, f, header);
    }

    /**
     * The page written as UTF-8 while the template renders: the national report is 1.7 MB, and through one
     * String it was copied four times over (the growing builder, the String, its bytes).
     */
    private static byte[] utf8(TemplateInstance page) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        page.consume(chunk -> out.writeBytes(chunk.getBytes(StandardCharsets.UTF_8))).toCompletableFuture().join();
        return out.toByteArray();
    }

    private byte[] pdf(Report report) {
        PdfCharts charts = new PdfCharts();
        String html = page(report, charts).render();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.withHtmlContent(html, null);
            builder.useObjectDrawerFactory(charts);
            builder.withProducer("Rusmonitor report-service");
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static String csv(Report report) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setHeader(CSV_HEADER).get())) {
            for (Figure f : report.figures()) {
                printer.printRecord(f.indicatorId(), f.indicator(), f.unit(), f.areaLevel(), f.areaCode(), f.areaName(), f.year(),
                        f.measure(), plain(f.value(), WHOLE.contains(f.measure())), f.flag() == null ? "" : f.flag());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private byte[] json(Report report) {
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String plain(Double value, boolean whole) {
        if (value == null) {
            return "";
        }
        return whole ? Long.toString(Math.round(value)) : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static Header header(Report report, Messages t) {
        Publication p = report.publication();
        String status = p == null ? t.get("status_draft")
                : t.format("status_published", String.valueOf(p.version()), when(p.publishedAt()), p.publishedBy());
        String warning = report.unsuppressed() ? t.get("status_unsuppressed") : null;
        String asOf = report.dataAsOf() == null ? "" : t.format("data_as_of", when(report.dataAsOf()));
        return new Header(status, warning, asOf, report.lang());
    }

    private static String when(Instant instant) {
        return WHEN.format(instant.atZone(OSLO));
    }

    /**
     * The national report with its charts drawn for one format. Always drawn afresh: the markup differs by
     * format (SVG in HTML, placeholders in the PDF), so one format's charts must never reach another.
     */
    static NationalReport drawn(NationalReport report, ChartPlacement charts) {
        List<NationalGoal> goals = new ArrayList<>();
        int n = 0;
        String country = Names.country(report.lang());
        for (NationalGoal g : report.goals()) {
            List<NationalIndicator> indicators = new ArrayList<>();
            for (NationalIndicator i : g.indicators()) {
                n++;
                List<CountyRow> counties = i.counties();
                indicators.add(i.withCharts(new NationalIndicator.Charts(
                        charts.place("t" + n, ChartRenderer.trend(country, i.trend(), null, null, i.decimals(), report.lang())),
                        charts.place("c" + n, ChartRenderer.counties(counties, i.decimals(), report.lang())),
                        charts.place("s" + n, ChartRenderer.spread(country, i.spread(), counties, i.decimals(), report.lang())))));
            }
            goals.add(new NationalGoal(g.goal(), g.title(), indicators));
        }
        return report.withGoals(goals);
    }

    static MunicipalityProfile drawn(MunicipalityProfile report, ChartPlacement charts) {
        List<ProfileGoal> goals = new ArrayList<>();
        int n = 0;
        String country = Names.country(report.lang());
        for (ProfileGoal g : report.goals()) {
            List<ProfileIndicator> indicators = new ArrayList<>();
            for (ProfileIndicator i : g.indicators()) {
                n++;
                indicators.add(i.withChart(charts.place("t" + n, ChartRenderer.trend(report.name(), i.trend(), country, i.countryTrend(),
                        i.decimals(), report.lang()))));
            }
            goals.add(new ProfileGoal(g.goal(), g.title(), indicators));
        }
        return report.withGoals(goals);
    }
}
