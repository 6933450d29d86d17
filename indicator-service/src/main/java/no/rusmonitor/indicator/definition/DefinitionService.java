package no.rusmonitor.indicator.definition;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import no.rusmonitor.indicator.engine.AnswerStore;
import no.rusmonitor.indicator.engine.DefinitionStore;
import no.rusmonitor.indicator.engine.IndicatorEngine;
import no.rusmonitor.indicator.engine.IndicatorEngine.PublishResult;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;

/** The indicator catalogue: reading definitions, and publishing a new version (checked, then recomputed everywhere). */
@ApplicationScoped
public class DefinitionService {

    public static final String ID_PATTERN = "[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+";

    private final Pool pool;
    private final DefinitionStore store;
    private final AnswerStore answers;
    private final IndicatorEngine engine;
    private final QuestionCatalogue questions;

    @Inject
    public DefinitionService(Pool pool, DefinitionStore store, AnswerStore answers, IndicatorEngine engine, ObjectMapper mapper) {
        this.pool = pool;
        this.store = store;
        this.answers = answers;
        this.engine = engine;
        this.questions = QuestionCatalogue.load(mapper);
    }

    /** The newest version of every indicator, in id order. */
    public Uni<List<IndicatorDefinition>> catalogue() {
        return store.latest(pool);
    }

    public Uni<IndicatorDefinition> current(String id) {
        return versions(id).map(list -> list.get(list.size() - 1));
    }

    public Uni<List<IndicatorDefinition>> versions(String id) {
        if (id == null || id.length() > 100 || !id.matches(ID_PATTERN)) {
            // Not a possible id (it could not even be stored, e.g. with a NUL): no indicator, without asking the database.
            return Uni.createFrom().failure(ApiException.notFound("There is no indicator " + Issue.quote(id) + "."));
        }
        return store.versions(pool, id).map(list -> {
            if (list.isEmpty()) {
                throw ApiException.notFound("There is no indicator " + id + ".");
            }
            return list;
        });
    }

    public Uni<IndicatorDefinition> version(String id, int version) {
        return versions(id).map(list -> list.stream().filter(d -> d.version() == version).findFirst()
                .orElseThrow(() -> ApiException.notFound("Indicator " + id + " has no version " + version + ".")));
    }

    /**
     * Publishes the next version of {@code id} (the first, for a new indicator) and recomputes it in every
     * year. Formulas that cannot be read, refer to an unknown question or fail on typical answers are
     * refused with 422, naming the field.
     */
    public Uni<PublishResult> publish(String id, DefinitionContent content, String by) {
        if (!id.matches(ID_PATTERN) || id.length() > 100) {
            throw ApiException.badRequest("invalid-request", "The indicator id is not valid.", List.of(Issue.error("/id", "invalid",
                    "An indicator id is lower-case words joined by dots, such as goal3.individual_plan_share.")));
        }
        // Checked on a worker: the formulas are tried on sample answers, which an operator's formula can make slow
        // (within FormulaChecker's bounds), and the database client's event loop serves every other request too.
        return answers.seenQuestions(pool).emitOn(Infrastructure.getDefaultWorkerPool()).flatMap(seen -> {
            List<Issue> issues = FormulaChecker.check(content, questions.withSeen(seen));
            if (!issues.isEmpty()) {
                throw ApiException.unprocessable("invalid-definition", "Invalid definition",
                        "The definition's formulas cannot be published: " + issues.get(0).message(), issues, List.of());
            }
            return engine.publish(id, content, by);
        });
    }
}
