package no.rusmonitor.survey.completeness;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import no.rusmonitor.reference.Municipality;
import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.survey.completeness.CompletenessEntry.Status;
import no.rusmonitor.survey.definition.DefinitionService;
import no.rusmonitor.survey.definition.Schedule;
import no.rusmonitor.survey.submission.SubmissionEntity;
import no.rusmonitor.survey.submission.SubmissionRepository;

/** Completeness of a year's survey: the expected list from the reference data against the submissions. */
@ApplicationScoped
public class CompletenessService {

    private final SubmissionRepository submissions;
    private final DefinitionService definitions;
    private final MunicipalityCatalogue catalogue;

    @Inject
    public CompletenessService(SubmissionRepository submissions, DefinitionService definitions, MunicipalityCatalogue catalogue) {
        this.submissions = submissions;
        this.definitions = definitions;
        this.catalogue = catalogue;
    }

    @WithSession
    public Uni<CompletenessReport> report(int year) {
        return definitions.current(year).flatMap(survey -> submissions.allOf(year).map(rows -> {
            Map<String, SubmissionEntity> byCode = new HashMap<>();
            rows.forEach(s -> byCode.put(s.municipalityCode, s));
            List<CompletenessEntry> entries = new ArrayList<>();
            int[] counts = new int[Status.values().length];
            for (Municipality m : catalogue.validIn(year)) {
                SubmissionEntity s = byCode.get(m.code());
                Status status = statusOf(s, survey.schedule().deadline());
                counts[status.ordinal()]++;
                entries.add(new CompletenessEntry(m.code(), m.name(), m.countyCode(), m.countyName(), status,
                        s == null ? 0 : s.currentVersion, s == null ? null : s.firstSubmittedAt,
                        s == null ? null : s.lastSubmittedAt, s == null ? null : s.draftSavedAt));
            }
            int expected = entries.size();
            int reported = counts[Status.submitted.ordinal()] + counts[Status.late.ordinal()];
            double rate = expected == 0 ? 0 : Math.round(reported * 1000.0 / expected) / 10.0;
            return new CompletenessReport(year, survey.schedule().deadline(), expected, counts[Status.submitted.ordinal()],
                    counts[Status.late.ordinal()], counts[Status.draft_only.ordinal()], counts[Status.missing.ordinal()], rate, entries);
        }));
    }

    /**
     * Late: first submitted after the deadline in force then (through a reopening), and after today's deadline
     * too. A deadline extended for everyone since makes such a municipality on time, as it does the others who
     * submitted before the new deadline; one moved earlier does not make late what was on time when it came.
     */
    private static Status statusOf(SubmissionEntity s, Instant deadline) {
        if (s == null) {
            return Status.missing;
        }
        if (s.currentVersion > 0) {
            boolean late = Boolean.TRUE.equals(s.firstSubmittedLate) && (deadline == null || s.firstSubmittedAt == null
                    || Schedule.isPast(deadline, s.firstSubmittedAt));
            return late ? Status.late : Status.submitted;
        }
        return s.draft != null ? Status.draft_only : Status.missing;
    }
}
