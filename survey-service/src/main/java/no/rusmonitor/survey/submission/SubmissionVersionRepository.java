package no.rusmonitor.survey.submission;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SubmissionVersionRepository implements PanacheRepository<SubmissionVersionEntity> {

    /** The newest submitted version of a municipality for a year, or null. */
    public Uni<SubmissionVersionEntity> latest(String municipalityCode, int year) {
        return find("municipalityCode = ?1 and surveyYear = ?2 order by version desc", municipalityCode, year).firstResult();
    }

    public Uni<SubmissionVersionEntity> version(String municipalityCode, int year, int version) {
        return find("municipalityCode = ?1 and surveyYear = ?2 and version = ?3", municipalityCode, year, version).firstResult();
    }

    public Uni<List<SubmissionVersionEntity>> history(String municipalityCode, int year) {
        return list("municipalityCode = ?1 and surveyYear = ?2 order by version", municipalityCode, year);
    }
}
