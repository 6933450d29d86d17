package no.rusmonitor.system.hostile;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import no.rusmonitor.system.RunningSystem.Service;

/** Counts of what the corpus got back, by service and by kind of attack, as a Markdown table. */
public final class HostileSummary {

    private final Map<Service, Integer> endpoints;
    private final Map<String, Row> byService = new TreeMap<>();
    private final Map<String, Row> byMutation = new TreeMap<>();

    private static final class Row {
        int requests;
        int ok;
        int serverErrors;
        int notProblem;
        int httpLayer;
        int unanswered;
        int failed;
        final Map<Integer, Integer> clientErrors = new TreeMap<>();

        void count(RawResponse response, List<String> problems) {
            requests++;
            if (!response.answered()) {
                unanswered++;
            } else if (response.status() < 400) {
                ok++;
            } else if (response.status() < 500) {
                clientErrors.merge(response.status(), 1, Integer::sum);
            } else {
                serverErrors++;
            }
            if (ResponseVerdict.refusedByHttpLayer(response)) {
                httpLayer++;
            } else if (response.status() >= 400 && !ResponseVerdict.isProblemJson(response)) {
                notProblem++;
            }
            if (!problems.isEmpty()) {
                failed++;
            }
        }

        String cells() {
            StringBuilder fourxx = new StringBuilder();
            clientErrors.forEach((status, n) -> fourxx.append(fourxx.length() == 0 ? "" : ", ").append(status).append(": ").append(n));
            return requests + " | " + ok + " | " + fourxx + " | " + serverErrors + " | " + notProblem + " | " + httpLayer + " | " + unanswered + " | " + failed + " |";
        }
    }

    public HostileSummary(Map<Service, Integer> endpoints) {
        this.endpoints = endpoints;
    }

    public synchronized void count(HostileRequest request, RawResponse response, List<String> problems) {
        byService.computeIfAbsent(moduleOf(request.endpoint().service()), s -> new Row()).count(response, problems);
        byService.computeIfAbsent("all", s -> new Row()).count(response, problems);
        byMutation.computeIfAbsent(request.mutation(), s -> new Row()).count(response, problems);
    }

    public String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("| service | endpoints | requests | 2xx/3xx | 4xx by status | 5xx | errors not problem+json | refused by the HTTP layer | no answer | failed checks |\n");
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        byService.forEach((service, row) -> md.append("| ").append(service).append(" | ")
                .append(service.equals("all") ? endpoints.values().stream().mapToInt(Integer::intValue).sum() : endpointsOf(service)).append(" | ")
                .append(row.cells()).append('\n'));
        md.append("\n| attack | requests | 2xx/3xx | 4xx by status | 5xx | errors not problem+json | refused by the HTTP layer | no answer | failed checks |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        byMutation.forEach((mutation, row) -> md.append("| ").append(mutation).append(" | ").append(row.cells()).append('\n'));
        return md.toString();
    }

    private int endpointsOf(String module) {
        return endpoints.entrySet().stream().filter(e -> moduleOf(e.getKey()).equals(module)).mapToInt(Map.Entry::getValue).sum();
    }

    static String moduleOf(Service service) {
        return service.name().toLowerCase(java.util.Locale.ROOT) + "-service";
    }
}
