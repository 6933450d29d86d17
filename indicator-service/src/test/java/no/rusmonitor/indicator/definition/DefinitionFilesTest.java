package no.rusmonitor.indicator.definition;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The definitions kept in the repository: the whole catalogue of the domain, each one valid. */
class DefinitionFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static final Set<String> CATALOGUE = Set.of("effort.fte_per_10k", "effort.higher_education_share", "effort.escalated_share",
            "effort.budget_increased_share", "effort.budget_unchanged_share", "effort.extra_funds_large_share",
            "goal1.user_council_share", "goal1.brukerplan_share", "goal1.peer_workers_per_10k", "goal2.early_intervention_share",
            "goal3.individual_plan_share", "goal3.crisis_plan_share", "goal3.fact_share", "goal3.waiting_days",
            "goal4.meaningful_activity_share", "goal4.homeless_share", "goal4.housing_units_per_1k", "goal4.housing_unchanged_share",
            "goal5.court_programme_per_100k", "reporting.response_rate");

    @Test
    void theWholeCatalogueIsThere() {
        List<DefinitionFile> files = DefinitionFiles.read(JSON);
        assertEquals(CATALOGUE, files.stream().map(DefinitionFile::id).collect(Collectors.toSet()));
    }

    @Test
    void everyFileIsInTheIndex() throws IOException {
        try (Stream<Path> paths = Files.list(Path.of("src/main/resources/indicators/definitions"))) {
            Set<String> onDisk = paths.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(onDisk, new TreeSet<>(DefinitionFiles.index()));
        }
    }

    @Test
    void everyFormulaPassesTheChecksOfPublication() {
        QuestionCatalogue questions = QuestionCatalogue.load(JSON);
        for (DefinitionFile file : DefinitionFiles.read(JSON)) {
            assertEquals(List.of(), FormulaChecker.check(file.content(), questions), file.id());
        }
    }

    @Test
    void userCountsAreMarkedForSuppression() {
        for (DefinitionFile file : DefinitionFiles.read(JSON)) {
            boolean aboutUsers = file.content().numerator().contains("users_") || file.content().denominator().contains("users_")
                    || file.content().numerator().contains("participants");
            assertEquals(aboutUsers, !file.content().personCountParts().isEmpty(), file.id());
        }
    }

    @Test
    void checksNameTheFieldAndTheProblem() {
        QuestionCatalogue questions = QuestionCatalogue.load(JSON);
        DefinitionContent base = DefinitionFiles.read(JSON).stream().filter(f -> f.id().equals("goal3.individual_plan_share"))
                .findFirst().orElseThrow().content();
        var unknown = FormulaChecker.check(with(base, "users_with_a_plan", base.denominator()), questions);
        assertEquals(1, unknown.size());
        assertEquals("/numerator", unknown.get(0).pointer());
        assertEquals("unknown_question", unknown.get(0).code());
        assertTrue(unknown.get(0).message().contains("users_with_a_plan"));

        var syntax = FormulaChecker.check(with(base, base.numerator(), "users_total +"), questions);
        assertEquals("/denominator", syntax.get(0).pointer());
        assertEquals("syntax_error", syntax.get(0).code());

        var types = FormulaChecker.check(with(base, "budget_change * 2", base.denominator()), questions);
        assertEquals("invalid_formula", types.get(0).code());

        var seen = FormulaChecker.check(with(base, "new_question", base.denominator()),
                questions.withSeen(java.util.Map.of("new_question", java.math.BigDecimal.ONE)));
        assertEquals(List.of(), seen, "a question seen in submitted answers is known");
    }

    static DefinitionContent with(DefinitionContent c, String numerator, String denominator) {
        return new DefinitionContent(c.name(), c.description(), c.goal(), c.unit(), c.decimals(), numerator, denominator, c.factor(),
                c.aggregation(), c.personCounts(), c.publishedFigure());
    }
}
