package no.rusmonitor.survey.deadline;

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

    public Uni<List<ReopeningEntity>> openFor(int year) {
        return list("surveyYear = ?1 and closedAt is null order by municipalityCode", year);
    }
}
