package no.rusmonitor.survey.deadline;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReopeningRepository implements PanacheRepository<ReopeningEntity> {

    /** The reopening not yet closed for this municipality and year, if any (it may have run out). */
    public Uni<ReopeningEntity> open(int year, String municipalityCode) {
        return find("surveyYear = ?1 and municipalityCode = ?2 and closedAt is null", year, municipalityCode).firstResult();
    }

    /** The reopenings in force at {@code now}: not closed, and not run out. */
    public Uni<List<ReopeningEntity>> inForce(int year, Instant now) {
        return list("surveyYear = ?1 and closedAt is null and (until is null or until > ?2) order by municipalityCode", year, now);
    }
}
