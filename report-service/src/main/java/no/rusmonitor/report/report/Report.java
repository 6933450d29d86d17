package no.rusmonitor.report.report;

import java.time.Instant;
import java.util.List;

/** What every report has: which one it is, in which language and visibility, and where its numbers came from. */
public interface Report {

    String kind();

    /** {@code national/2024} or {@code municipality/0301/2024}. */
    String key();

    int year();

    String lang();

    /** True only in an analyst's draft with small numbers shown. */
    boolean unsuppressed();

    /** Null for a draft. */
    Publication publication();

    /** The newest computation time among the indicator values the report was built from. */
    Instant dataAsOf();

    String title();

    /** Every number the report shows, one row each: the CSV, and what a diff between versions compares. */
    List<Figure> figures();

    /** The same report, stamped as a published version. */
    Report published(Publication publication);
}
