package no.rusmonitor.report.render;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import no.rusmonitor.report.report.MunicipalityProfile;
import no.rusmonitor.report.report.NationalReport;

/** The report templates under {@code templates/reports/}, checked against these types at build time. */
@CheckedTemplate(basePath = "reports")
public class ReportTemplates {

    public static native TemplateInstance national(NationalReport report, Messages t, Formats f, Header header);

    public static native TemplateInstance profile(MunicipalityProfile report, Messages t, Formats f, Header header);
}
