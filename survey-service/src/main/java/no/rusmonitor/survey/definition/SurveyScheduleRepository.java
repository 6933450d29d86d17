package no.rusmonitor.survey.definition;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

@ApplicationScoped
public class SurveyScheduleRepository implements PanacheRepositoryBase<SurveyScheduleEntity, Integer> {
}
