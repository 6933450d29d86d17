package no.rusmonitor.survey.definition;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ScheduleChangeRepository implements PanacheRepository<ScheduleChangeEntity> {

    /** The schedules {@code year}'s survey has had, oldest first. */
    public Uni<List<ScheduleChangeEntity>> history(int year) {
        return list("surveyYear = ?1 order by id", year);
    }
}
