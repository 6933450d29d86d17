package no.rusmonitor.system.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import no.rusmonitor.system.RunningSystem;
import no.rusmonitor.system.RunningSystem.Service;

/**
 * A generated corpus of well over 1,000 malformed and hostile requests against every endpoint the three
 * services document in OpenAPI (see docs/hostile-input.md). None may get a 5xx, every error is
 * problem+json naming the field where one was wrong, no answer leaks a stack trace, and not one row in any
 * database changes.
 */
class HostileInputIT {

    /**
     * Every endpoint the services have: their OpenAPI documents must list exactly these, so that one hidden from
     * OpenAPI (and so from the corpus) fails here, as does a new one until it is added.
     */
    private static final Map<Service, Set<String>> ENDPOINTS = Map.of(
            Service.SURVEY, Set.of("POST /api/imports", "GET /api/municipalities", "GET /api/municipalities/{code}", "GET /api/surveys",
                    "GET /api/surveys/{year}", "GET /api/surveys/{year}/completeness", "POST /api/surveys/{year}/reopenings",
                    "GET /api/surveys/{year}/reopenings", "GET /api/surveys/{year}/reopenings/{code}", "DELETE /api/surveys/{year}/reopenings/{code}",
                    "PUT /api/surveys/{year}/schedule", "GET /api/surveys/{year}/schedule/history", "GET /api/surveys/{year}/submissions/{code}", "PUT /api/surveys/{year}/submissions/{code}/draft",
                    "POST /api/surveys/{year}/submissions/{code}/republication", "POST /api/surveys/{year}/submissions/{code}/validation",
                    "POST /api/surveys/{year}/submissions/{code}/versions", "GET /api/surveys/{year}/submissions/{code}/versions",
                    "GET /api/surveys/{year}/submissions/{code}/versions/{version}", "GET /api/surveys/{year}/versions",
                    "POST /api/surveys/{year}/versions", "GET /api/surveys/{year}/versions/{version}", "PUT /api/surveys/{year}/versions/{version}"),
            Service.INDICATOR, Set.of("GET /api/areas", "GET /api/areas/{level}/{code}/values", "GET /api/dashboard/config", "GET /api/indicators",
                    "GET /api/indicators/{id}", "GET /api/indicators/{id}/values", "GET /api/indicators/{id}/versions",
                    "POST /api/indicators/{id}/versions", "GET /api/indicators/{id}/versions/{version}", "POST /api/rebuilds", "GET /api/rebuilds",
                    "GET /api/rebuilds/{id}", "GET /api/stream"),
            Service.REPORT, Set.of("GET /api/read-model", "POST /api/read-model/rebuild", "GET /api/reports",
                    "GET /api/reports/municipalities/{code}/{year}/diff", "POST /api/reports/municipalities/{code}/{year}/versions",
                    "GET /api/reports/municipalities/{code}/{year}/versions",
                    "GET /api/reports/municipalities/{code}/{year}/versions/{version}/sources",
                    "GET /api/reports/municipalities/{code}/{year}/versions/{version}/sources/unsuppressed",
                    "GET /api/reports/municipalities/{code}/{year}/versions/{version}{ext}", "GET /api/reports/municipalities/{code}/{year}{ext}",
                    "GET /api/reports/national/{year}/diff", "POST /api/reports/national/{year}/versions", "GET /api/reports/national/{year}/versions",
                    "GET /api/reports/national/{year}/versions/{version}/sources",
                    "GET /api/reports/national/{year}/versions/{version}/sources/unsuppressed",
                    "GET /api/reports/national/{year}/versions/{version}{ext}", "GET /api/reports/national/{year}{ext}"));

    @Test
    void noHostileRequestGetsA5xxLeaksAnythingOrChangesARow() throws Exception {
        RunningSystem system = RunningSystem.with(Service.SURVEY, Service.INDICATOR, Service.REPORT);
        LegitimateData.load(system);

        List<Endpoint> endpoints = new ArrayList<>();
        Map<Service, Integer> counts = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            try (RawHttp http = new RawHttp(system.url(service))) {
                List<Endpoint> documented = OpenApiEndpoints.of(service, system.url(service), http);
                Set<String> names = documented.stream().map(Endpoint::name).collect(Collectors.toCollection(TreeSet::new));
                assertEquals(new TreeSet<>(ENDPOINTS.get(service)), names, service + " documents exactly its endpoints");
                endpoints.addAll(documented);
                counts.put(service, documented.size());
            }
        }
        List<HostileRequest> corpus = new HostileCorpus(ForgedTokens.all(Path.of("target/hostile-keys"))).generate(endpoints);
        assertTrue(corpus.size() >= 1000, "the corpus has at least 1,000 requests: " + corpus.size());
        assertEquals(endpoints.size(), corpus.stream().map(r -> r.endpoint()).distinct().count(), "every endpoint is attacked");

        DatabaseSnapshot before = LegitimateData.quiescent(system);
        HostileSummary summary = new HostileSummary(counts);
        ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        // Where a row changed, these are the suspects.
        ConcurrentLinkedQueue<String> acceptedWrites = new ConcurrentLinkedQueue<>();
        long started = System.nanoTime();
        Map<Service, RawHttp> clients = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            clients.put(service, new RawHttp(system.url(service)));
        }
        ExecutorService senders = Executors.newFixedThreadPool(4);
        List<Future<?>> sent = new ArrayList<>(corpus.size());
        for (HostileRequest request : corpus) {
            sent.add(senders.submit(() -> {
                RawResponse response = clients.get(request.endpoint().service()).send(request.request());
                List<String> problems = ResponseVerdict.judge(request, response);
                summary.count(request, response, problems);
                if (!problems.isEmpty()) {
                    failures.add(request.describe() + " -> " + response.status() + ": " + String.join("; ", problems));
                }
                if (!request.request().method().equals("GET") && response.status() / 100 == 2) {
                    acceptedWrites.add(request.describe() + " -> " + response.status());
                }
            }));
        }
        senders.shutdown();
        assertTrue(senders.awaitTermination(5, TimeUnit.MINUTES), "the corpus was sent");
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get(); // an answer that could not even be read is a failure, not a request left out
            } catch (ExecutionException e) {
                failures.add(corpus.get(i).describe() + " -> no readable answer: " + e.getCause());
            }
        }
        clients.values().forEach(RawHttp::close);
        long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
        DatabaseSnapshot after = DatabaseSnapshot.of(system);
        List<String> changed = after.changesSince(before);

        String report = "# Hostile input: last run\n\n" + corpus.size() + " requests against " + endpoints.size() + " endpoints in " + seconds
                + " s (seed " + HostileCorpus.SEED + "); " + before.tables().size() + " tables holding " + before.rows() + " rows checked before and after: "
                + (changed.isEmpty() ? "none changed" : changed.size() + " changed") + ".\n\n" + summary.markdown()
                + (failures.isEmpty() ? "" : "\n## Failed checks\n\n" + failures.stream().sorted().map(f -> "- " + f.replace("|", "\\|"))
                        .collect(Collectors.joining("\n")) + "\n")
                + (changed.isEmpty() ? "" : "\n## Rows changed\n\n" + changed.stream().map(c -> "- " + c).collect(Collectors.joining("\n"))
                        + "\n\nWrites answered 2xx:\n\n" + acceptedWrites.stream().sorted().map(w -> "- " + w.replace("|", "\\|"))
                                .collect(Collectors.joining("\n")) + "\n");
        Files.writeString(Path.of("target/hostile-input.md"), report);
        System.out.println(report);

        assertEquals(List.of(), changed, "no hostile request changed a row");
        assertEquals(List.of(), failures.stream().sorted().toList(), "every hostile request was refused cleanly; see target/hostile-input.md");
    }
}
