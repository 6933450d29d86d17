package no.rusmonitor.survey.definition;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import no.rusmonitor.reference.MunicipalityCatalogue;

/**
 * Loads the survey definitions kept in the repository ({@code surveys/survey-YYYY.json}) as version 1
 * of each year that has none yet. A year already in the database is left alone: from then on it
 * changes only through the API, as new versions.
 */
@ApplicationScoped
public class DefinitionSeeder {

    private static final Logger LOG = Logger.getLogger(DefinitionSeeder.class);
    static final String SEEDED_BY = "definition-files";

    private final ObjectMapper mapper;
    private final MunicipalityCatalogue catalogue;
    private final Clock clock;

    @Inject
    public DefinitionSeeder(ObjectMapper mapper, MunicipalityCatalogue catalogue, Clock clock) {
        this.mapper = mapper;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        // Usually every year is there already: one query settles it, and no file is read.
        Set<Integer> present = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(this::yearsPresent));
        List<DefinitionFile> files = new ArrayList<>();
        for (int year : catalogue.years()) {
            DefinitionFile file = present.contains(year) ? null : read(year);
            if (file != null) {
                files.add(file);
            }
        }
        if (!files.isEmpty()) {
            List<Integer> loaded = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> seedAll(files)));
            loaded.forEach(year -> LOG.infof("Loaded the survey definition for %d from the repository", year));
        }
    }

    /** The years that have both a definition and a schedule: nothing is left to seed for them. */
    private Uni<Set<Integer>> yearsPresent() {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "select survey_year from survey_schedule where survey_year in (select survey_year from survey_definition)", Integer.class)
                .getResultList())
                .map(Set::copyOf);
    }

    /** Seeds the files one after the other in the caller's transaction; answers the years whose definition was inserted. */
    private Uni<List<Integer>> seedAll(List<DefinitionFile> files) {
        Uni<List<Integer>> chain = Uni.createFrom().item(new ArrayList<>());
        for (DefinitionFile file : files) {
            chain = chain.flatMap(loaded -> seed(file).map(inserted -> {
                if (inserted) {
                    loaded.add(file.year());
                }
                return loaded;
            }));
        }
        return chain;
    }

    private Uni<Boolean> seed(DefinitionFile file) {
        String content;
        try {
            content = mapper.writeValueAsString(file.content());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(
                "insert into survey_definition (survey_year, version, content, published_at, published_by) "
                        + "select :year, 1, cast(cast(:content as text) as jsonb), :now, :by "
                        + "where not exists (select 1 from survey_definition where survey_year = :year) "
                        + "on conflict do nothing")
                .setParameter("year", file.year()).setParameter("content", content)
                .setParameter("now", clock.instant()).setParameter("by", SEEDED_BY)
                .executeUpdate()
                .flatMap(inserted -> session.createNativeQuery(
                        "insert into survey_schedule (survey_year, opens_at, deadline, updated_at, updated_by) "
                                + "values (:year, :opens, :deadline, :now, :by) on conflict do nothing")
                        .setParameter("year", file.year()).setParameter("opens", file.schedule().opensAt())
                        .setParameter("deadline", file.schedule().deadline())
                        .setParameter("now", clock.instant()).setParameter("by", SEEDED_BY)
                        .executeUpdate().map(x -> inserted > 0)));
    }

    private DefinitionFile read(int year) {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream("surveys/survey-" + year + ".json")) {
            if (in == null) {
                return null;
            }
            DefinitionFile file = mapper.readValue(in, DefinitionFile.class);
            if (file.year() != year || !DefinitionRules.check(file.content()).isEmpty()) {
                throw new IllegalStateException("surveys/survey-" + year + ".json is not a valid definition for " + year);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read surveys/survey-" + year + ".json", e);
        }
    }
}
