package no.rusmonitor.survey.submission;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SubmissionRepository implements PanacheRepository<SubmissionEntity> {

    public Uni<SubmissionEntity> of(int year, String municipalityCode) {
        return find("surveyYear = ?1 and municipalityCode = ?2", year, municipalityCode).firstResult();
    }

    public Uni<List<SubmissionEntity>> allOf(int year) {
        return list("surveyYear = ?1 order by municipalityCode", year);
    }
}
