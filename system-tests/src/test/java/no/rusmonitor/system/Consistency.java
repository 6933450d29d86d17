package no.rusmonitor.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import no.rusmonitor.system.RecordedLoad.Attempt;
import no.rusmonitor.system.RecordedLoad.Outcome;
import no.rusmonitor.system.RunningSystem.Service;

/**
 * What must hold after any fault, checked against what each part really holds: survey-service's
 * database, the submissions topic, indicator-service's database, and a full rebuild.
 */
final class Consistency implements AutoCloseable {

    static final String SUBMISSIONS = "rusmonitor.submissions.v1";
    static final String DEAD_LETTERS = "rusmonitor.submissions.dlq.v1";
    static final String INDICATOR_GROUP = "indicator-service";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final RunningSystem system;
    private final Topics topics;
    private final int year;
    /** Every request of every fault so far: a version stored without a 2xx is explained only by a request that got no answer. */
    private final List<Attempt> history = new ArrayList<>();

    Consistency(RunningSystem system, int year) {
        this.system = system;
        this.topics = new Topics(system.kafka().bootstrapServers());
        this.year = year;
    }

    Topics topics() {
        return topics;
    }

    @Override
    public void close() {
        topics.close();
    }

    /**
     * Waits until the system has nothing left in flight: survey-service's outbox relayed, indicator-service's
     * consumer group caught up and committed, and its answers at the newest stored version of every
     * municipality. Gives up after {@code timeout}, and says whether it got there.
     */
    boolean awaitQuiet(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (unrelayed() == 0 && topics.lag(INDICATOR_GROUP, SUBMISSIONS) == 0
                    && newestOf(storedVersions()).equals(answersOf(system.database(Service.INDICATOR)))) {
                return true;
            }
            Thread.sleep(500);
        }
        return false;
    }

    /** Checks everything after one fault; {@code window} is what the load sent while it ran. */
    FaultTable.Row check(String fault, List<Attempt> window, List<String> extraNotes, int extraMismatches) throws Exception {
        history.addAll(window);
        Map<String, Integer> stored = storedVersions();
        Map<String, JsonNode> storedAnswers = storedAnswers();
        Map<String, Integer> newest = newestOf(stored);
        Map<String, Integer> published = new HashMap<>();
        Map<String, Set<JsonNode>> publishedAnswers = new HashMap<>();
        for (ConsumerRecord<String, String> record : topics.readAll(SUBMISSIONS)) {
            JsonNode data = JSON.readTree(record.value()).get("data");
            if (data.get("surveyYear").asInt() == year) {
                String submission = data.get("municipalityCode").asText() + "/" + data.get("submissionVersion").asInt();
                published.merge(submission, 1, Integer::sum);
                publishedAnswers.computeIfAbsent(submission, s -> new HashSet<>()).add(data.get("answers"));
            }
        }
        Map<String, Integer> held;
        Map<String, Set<Integer>> named;
        Map<String, JsonNode> heldAnswers = new HashMap<>();
        try (Connection indicator = system.database(Service.INDICATOR)) {
            held = IndicatorTables.answerVersions(indicator, year);
            named = IndicatorTables.valueVersions(indicator, year);
            for (Map.Entry<String, String> row : IndicatorTables.answers(indicator, year).entrySet()) {
                heldAnswers.put(row.getKey(), JSON.readTree(row.getValue()));
            }
        }

        List<String> notes = new ArrayList<>();
        int mismatches = extraMismatches;
        notes.addAll(extraNotes);

        // (a) every 2xx so far (this fault's and the earlier ones') stored exactly once, with the answers it sent, and published
        List<Attempt> acceptedEver = history.stream().filter(a -> a.outcome() == Outcome.ACCEPTED).toList();
        Set<String> acceptedEverOnce = new TreeSet<>(acceptedEver.stream().map(Attempt::submission).toList());
        mismatches += note(notes, "accepted twice", acceptedEver.size() - acceptedEverOnce.size(), null);
        Set<String> lost = new TreeSet<>(acceptedEverOnce);
        lost.removeIf(s -> stored.getOrDefault(s, 0) == 1);
        mismatches += note(notes, "accepted but not stored exactly once", lost.size(), lost);
        Set<String> storedOtherwise = new TreeSet<>();
        for (Attempt a : acceptedEver) {
            JsonNode answers = storedAnswers.get(a.submission());
            if (answers != null && answers.path("users_total").asInt(-1) != a.usersTotal()) {
                storedOtherwise.add(a.submission() + ": sent users_total " + a.usersTotal() + ", stored " + answers.path("users_total"));
            }
        }
        mismatches += note(notes, "accepted but stored with other answers than were sent", storedOtherwise.size(), storedOtherwise);
        Set<String> acceptedOnce = new TreeSet<>(window.stream().filter(a -> a.outcome() == Outcome.ACCEPTED).map(Attempt::submission).toList());
        Set<String> notStored = new TreeSet<>(acceptedOnce);
        notStored.retainAll(lost);
        // (b) its event is on the topic, with the answers stored, and indicator-service holds the answers stored
        Set<String> unpublished = new TreeSet<>(stored.keySet());
        unpublished.removeAll(published.keySet());
        mismatches += note(notes, "stored but not on the topic", unpublished.size(), unpublished);
        Set<String> publishedOtherwise = new TreeSet<>(publishedAnswers.keySet());
        publishedOtherwise.removeIf(s -> storedAnswers.containsKey(s) && Set.of(storedAnswers.get(s)).equals(publishedAnswers.get(s)));
        mismatches += note(notes, "versions on the topic with other answers than stored (or not stored)", publishedOtherwise.size(),
                publishedOtherwise);
        Set<String> heldOtherwise = new TreeSet<>(heldAnswers.keySet());
        heldOtherwise.removeIf(s -> sameUsersTotal(storedAnswers.get(s), heldAnswers.get(s)));
        mismatches += note(notes, "answers indicator-service holds that differ from the version stored", heldOtherwise.size(), heldOtherwise);
        // (c) indicator-service holds the newest version of each municipality, and its values name it
        Set<String> reflected = new TreeSet<>(acceptedOnce);
        reflected.removeIf(s -> !reflects(s, newest, held, named));
        Set<String> behind = new TreeSet<>();
        newest.forEach((code, version) -> {
            if (!version.equals(held.get(code)) || !Set.of(version).equals(named.get(code))) {
                behind.add(code + ": stored v" + version + ", answers v" + held.get(code) + ", values name " + named.get(code));
            }
        });
        mismatches += note(notes, "municipalities whose indicators miss their newest version", behind.size(), behind);
        mismatches += note(notes, "versions stored twice", (int) stored.values().stream().filter(n -> n > 1).count(), null);
        mismatches += storedWithoutAnswer(stored, storedAnswers, notes);
        int deadLettered = topics.readAll(DEAD_LETTERS).size();
        mismatches += note(notes, "events dead-lettered", deadLettered, null);
        // (d) the values equal a full rebuild from scratch
        mismatches += rebuildChangesNothing(notes);

        int noAnswer = (int) window.stream().filter(a -> a.outcome() == Outcome.NO_ANSWER).count();
        int unreachable = (int) window.stream().filter(a -> a.outcome() == Outcome.UNREACHABLE).count();
        int refused = (int) window.stream().filter(a -> a.outcome() == Outcome.REFUSED).count();
        if (refused + unreachable > 0) {
            Map<Integer, Integer> statuses = new java.util.TreeMap<>();
            window.stream().filter(a -> a.outcome() == Outcome.REFUSED).forEach(a -> statuses.merge(a.status(), 1, Integer::sum));
            notes.add(refused + " refused " + statuses + ", " + unreachable + " unreachable (nothing stored for them)");
            window.stream().filter(a -> a.outcome() == Outcome.REFUSED).findFirst()
                    .ifPresent(a -> notes.add("a refusal: " + a.status() + " " + a.detail().substring(0, Math.min(300, a.detail().length()))));
        }
        window.stream().filter(a -> a.outcome() == Outcome.NO_ANSWER).findFirst().ifPresent(a -> notes.add("no answer, e.g. " + a.detail()));
        int duplicates = published.values().stream().mapToInt(n -> n - 1).sum();
        return new FaultTable.Row(fault, window.size(), acceptedOnce.size(), acceptedOnce.size() - notStored.size(), reflected.size(),
                mismatches, noAnswer, duplicates, String.join("; ", notes));
    }

    /** Replays the whole topic once more with the load stopped: no value may get a new revision, no change be published. */
    int replayChangesNothing(List<String> notes) throws Exception {
        Map<String, Integer> revisions;
        long lastChange;
        try (Connection indicator = system.database(Service.INDICATOR)) {
            revisions = IndicatorTables.revisions(indicator);
            lastChange = IndicatorTables.lastChange(indicator);
        }
        List<ConsumerRecord<String, String>> all = topics.readAll(SUBMISSIONS);
        topics.replay(all);
        int notQuiet = awaitQuiet(Duration.ofSeconds(120)) ? 0 : 1;
        try (Connection indicator = system.database(Service.INDICATOR)) {
            Map<String, Integer> after = IndicatorTables.revisions(indicator);
            Set<String> moved = new TreeSet<>(after.keySet());
            moved.removeIf(k -> after.get(k).equals(revisions.get(k)));
            long newChanges = IndicatorTables.lastChange(indicator) - lastChange;
            notes.add("replayed all " + all.size() + " events again at rest");
            return note(notes, "time the system did not come to rest after the replay", notQuiet, null)
                    + note(notes, "value revisions moved by the replay", moved.size(), moved)
                    + note(notes, "changes published by the replay", (int) newChanges, null);
        }
    }

    /** Adds a note when {@code count} is not 0, and returns it as mismatches. */
    static int note(List<String> notes, String what, int count, Set<String> which) {
        if (count != 0) {
            notes.add(count + " " + what + (which == null ? "" : " " + IndicatorTables.sample(which)));
        }
        return count;
    }

    private boolean reflects(String submission, Map<String, Integer> newest, Map<String, Integer> held, Map<String, Set<Integer>> named) {
        String code = submission.substring(0, submission.indexOf('/'));
        int version = Integer.parseInt(submission.substring(submission.indexOf('/') + 1));
        Integer holds = held.get(code);
        return holds != null && holds >= version && holds.equals(newest.get(code)) && Set.of(holds).equals(named.get(code));
    }

    /**
     * A version stored without a 2xx is explained only by a request that got no answer: one of the same
     * municipality that sent the users_total stored, each such request explaining one version at most.
     */
    private int storedWithoutAnswer(Map<String, Integer> stored, Map<String, JsonNode> storedAnswers, List<String> notes) {
        Set<String> acceptedEver = new TreeSet<>();
        Map<String, List<Integer>> unansweredTotals = new HashMap<>();
        for (Attempt a : history) {
            if (a.outcome() == Outcome.ACCEPTED) {
                acceptedEver.add(a.submission());
            } else if (a.outcome() == Outcome.NO_ANSWER) {
                unansweredTotals.computeIfAbsent(a.code(), c -> new ArrayList<>()).add(a.usersTotal());
            }
        }
        int explained = 0;
        Set<String> unexplained = new TreeSet<>();
        for (String submission : new TreeSet<>(stored.keySet())) {
            if (acceptedEver.contains(submission)) {
                continue;
            }
            List<Integer> sent = unansweredTotals.getOrDefault(submission.substring(0, submission.indexOf('/')), new ArrayList<>());
            JsonNode answers = storedAnswers.get(submission);
            Integer usersTotal = answers == null ? null : answers.path("users_total").asInt(-1);
            if (usersTotal != null && sent.remove(usersTotal)) {
                explained++;
            } else {
                unexplained.add(submission + (answers == null ? "" : " (users_total " + answers.path("users_total") + ")"));
            }
        }
        if (explained > 0) {
            notes.add(explained + " stored after a request that got no answer (so far), each with the users_total that request sent");
        }
        return note(notes, "stored without a 2xx or a lost answer that sent its answers", unexplained.size(), unexplained);
    }

    private int rebuildChangesNothing(List<String> notes) throws Exception {
        Map<String, String> before;
        try (Connection indicator = system.database(Service.INDICATOR)) {
            before = IndicatorTables.figures(indicator);
        }
        JsonNode rebuild = new IndicatorClient(system.url(Service.INDICATOR)).rebuild(Duration.ofSeconds(120));
        try (Connection indicator = system.database(Service.INDICATOR)) {
            Set<String> differences = IndicatorTables.differences(before, IndicatorTables.figures(indicator));
            long rewritten = rebuild.get("valuesChanged").asLong();
            notes.add("rebuild: " + rebuild.get("valuesComputed").asLong() + " values, " + differences.size() + " differ, " + rewritten
                    + " rewritten");
            return note(notes, "values differing from the rebuild", differences.size(), differences)
                    + note(notes, "values the rebuild wrote anew", (int) rewritten, null);
        }
    }

    /** Outbox rows survey-service has not relayed yet. */
    private int unrelayed() throws SQLException {
        try (Connection survey = system.database(Service.SURVEY); Statement s = survey.createStatement();
                ResultSet rows = s.executeQuery("select count(*) from outbox_event where published_at is null")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    /**
     * Whether the answers indicator-service holds (it keeps only the answers formulas can use, numbers as decimals)
     * have the users_total of the version stored: the answer the load changes with every version.
     */
    private static boolean sameUsersTotal(JsonNode stored, JsonNode held) {
        return stored != null && held != null && stored.path("users_total").isNumber() && held.path("users_total").isNumber()
                && stored.path("users_total").decimalValue().compareTo(held.path("users_total").decimalValue()) == 0;
    }

    /** The answers of each "code/version" of the year stored in survey-service's database (one of them if stored twice). */
    private Map<String, JsonNode> storedAnswers() throws Exception {
        Map<String, JsonNode> answers = new HashMap<>();
        for (Map.Entry<String, String> row : byVersion("answers::text").entrySet()) {
            answers.put(row.getKey(), JSON.readTree(row.getValue()));
        }
        return answers;
    }

    /** How often each "code/version" of the year is stored in survey-service's database. */
    private Map<String, Integer> storedVersions() throws SQLException {
        Map<String, Integer> stored = new HashMap<>();
        byVersion("count(*) over (partition by municipality_code, version)::text").forEach((k, n) -> stored.put(k, Integer.parseInt(n)));
        return stored;
    }

    /** {@code column} of each stored "code/version" of the year, as text. */
    private Map<String, String> byVersion(String column) throws SQLException {
        Map<String, String> values = new HashMap<>();
        try (Connection survey = system.database(Service.SURVEY); PreparedStatement s = survey.prepareStatement(
                "select municipality_code, version, " + column + " from submission_version where survey_year = ?")) {
            s.setInt(1, year);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    values.put(rows.getString(1).trim() + "/" + rows.getInt(2), rows.getString(3));
                }
            }
        }
        return values;
    }

    /** The newest version of each municipality among stored "code/version"s. */
    private static Map<String, Integer> newestOf(Map<String, Integer> stored) {
        Map<String, Integer> newest = new HashMap<>();
        stored.keySet().forEach(s -> newest.merge(s.substring(0, s.indexOf('/')), Integer.parseInt(s.substring(s.indexOf('/') + 1)),
                Math::max));
        return newest;
    }

    private Map<String, Integer> answersOf(Connection indicator) throws SQLException {
        try (indicator) {
            return IndicatorTables.answerVersions(indicator, year);
        }
    }
}
