package no.rusmonitor.survey.deadline;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.survey.definition.DefinitionService;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;

@ApplicationScoped
public class ReopeningService {

    private final ReopeningRepository reopenings;
    private final DefinitionService definitions;
    private final MunicipalityCatalogue catalogue;
    private final Clock clock;

    @Inject
    public ReopeningService(ReopeningRepository reopenings, DefinitionService definitions, MunicipalityCatalogue catalogue, Clock clock) {
        this.reopenings = reopenings;
        this.definitions = definitions;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    @WithSession
    public Uni<List<ReopeningView>> open(int year) {
        return reopenings.inForce(year, clock.instant()).map(list -> list.stream().map(ReopeningView::of).toList());
    }

    /**
     * Reopens (or extends the reopening of) one municipality's submission. Extending closes the open
     * reopening and starts another, so each keeps who reopened it, when and why.
     */
    @WithTransaction
    public Uni<ReopeningView> reopen(int year, ReopenRequest request, String by) {
        if (!catalogue.isValid(request.municipalityCode(), year)) {
            // A year without any municipalities is the year's fault, not the code's (as for submissions).
            throw ApiException.unprocessable("unknown-municipality", "Unknown municipality",
                    "Municipality " + request.municipalityCode() + " did not exist in " + year + ".",
                    List.of(catalogue.covers(year)
                            ? Issue.error("/municipalityCode", "unknown_municipality", "Not a municipality of " + year + ".")
                            : Issue.error("/year", "unknown_municipality", "There are no municipalities for " + year + ".")),
                    List.of());
        }
        if (request.until() != null && !request.until().isAfter(clock.instant())) {
            throw ApiException.unprocessable("invalid-reopening", "Invalid reopening", "until must lie in the future.",
                    List.of(Issue.error("/until", "in_the_past", "Must lie in the future.")), List.of());
        }
        return definitions.current(year).flatMap(survey -> reopenings.openForChange(year, request.municipalityCode())).flatMap(existing -> {
            Instant now = clock.instant();
            ReopeningEntity entity = new ReopeningEntity();
            entity.surveyYear = year;
            entity.municipalityCode = request.municipalityCode();
            entity.reason = request.reason();
            entity.reopenedAt = now;
            entity.reopenedBy = by;
            entity.until = request.until();
            if (existing == null) {
                return reopenings.persist(entity);
            }
            existing.close(now, by);
            // Flushed first: Hibernate would insert before it updates, and only one reopening may be open.
            return reopenings.flush().flatMap(flushed -> reopenings.persist(entity));
        }).map(ReopeningView::of);
    }

    /** Locks the submission again. One whose time ran out has locked it already, and is not in force to close (404), as it is not listed. */
    @WithTransaction
    public Uni<ReopeningView> close(int year, String municipalityCode, String by) {
        return reopenings.openForChange(year, municipalityCode).map(existing -> {
            Instant now = clock.instant();
            if (existing == null || !existing.inForceAt(now)) {
                throw ApiException.notFound("Municipality " + municipalityCode + " has no reopening in force for " + year + ".");
            }
            existing.close(now, by);
            return ReopeningView.of(existing);
        });
    }
}
