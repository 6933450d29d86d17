package no.rusmonitor.indicator.definition;

import java.time.Duration;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.StartupEvent;
import no.rusmonitor.indicator.engine.IndicatorEngine;
import no.rusmonitor.platform.problem.Issue;

/**
 * At start, publishes the definitions kept in the repository whose version is newer than the database's
 * (and recomputes them), before any submission event is taken in (the engine holds them back until
 * then). A file with an invalid formula stops the start: it would otherwise be published.
 */
@ApplicationScoped
public class DefinitionSeeder {

    private static final Logger LOG = Logger.getLogger(DefinitionSeeder.class);

    private final ObjectMapper mapper;
    private final IndicatorEngine engine;

    @Inject
    public DefinitionSeeder(ObjectMapper mapper, IndicatorEngine engine) {
        this.mapper = mapper;
        this.engine = engine;
    }

    void onStart(@Observes StartupEvent event) {
        List<DefinitionFile> files = DefinitionFiles.read(mapper);
        QuestionCatalogue questions = QuestionCatalogue.load(mapper);
        for (DefinitionFile file : files) {
            List<Issue> issues = FormulaChecker.check(file.content(), questions);
            if (!issues.isEmpty()) {
                throw new IllegalStateException(file.file() + ": " + issues.get(0).message());
            }
        }
        // In the background, so that the start is not held up; submission events wait for it.
        engine.seed(files)
                .onFailure().invoke(failure -> LOG.warnf("Could not load the indicator definitions yet, retrying: %s", failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .subscribe().with(published -> engine.markStarted());
    }
}
