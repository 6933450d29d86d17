package no.rusmonitor.survey.definition;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class SurveyDefinitionRepository implements PanacheRepository<SurveyDefinitionEntity> {

    public Uni<SurveyDefinitionEntity> latest(int year) {
        return find("surveyYear = ?1 order by version desc", year).firstResult();
    }

    public Uni<SurveyDefinitionEntity> version(int year, int version) {
        return find("surveyYear = ?1 and version = ?2", year, version).firstResult();
    }

    public Uni<List<SurveyDefinitionEntity>> versions(int year) {
        return list("surveyYear = ?1 order by version", year);
    }

    /** The newest version of every year, oldest year first. */
    public Uni<List<SurveyDefinitionEntity>> latestOfEachYear() {
        return list("from SurveyDefinitionEntity d where d.version = "
                + "(select max(o.version) from SurveyDefinitionEntity o where o.surveyYear = d.surveyYear) order by d.surveyYear");
    }
}
