package no.rusmonitor.indicator.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.pgclient.PgException;
import no.rusmonitor.indicator.compute.AnswerSet;
import no.rusmonitor.indicator.compute.CompiledIndicator;
import no.rusmonitor.indicator.compute.ComputationRevision;
import no.rusmonitor.indicator.compute.ComputedValue;
import no.rusmonitor.indicator.compute.Contribution;
import no.rusmonitor.indicator.compute.Contributions;
import no.rusmonitor.indicator.compute.Geography;
import no.rusmonitor.indicator.compute.ValueKey;
import no.rusmonitor.indicator.compute.YearCells;
import no.rusmonitor.indicator.compute.YearComputation;
import no.rusmonitor.indicator.compute.YearGeography;
import no.rusmonitor.indicator.definition.DefinitionContent;
import no.rusmonitor.indicator.definition.DefinitionFile;
import no.rusmonitor.indicator.definition.IndicatorDefinition;
import no.rusmonitor.indicator.formula.FormulaException;
import no.rusmonitor.indicator.stream.Change;
import no.rusmonitor.indicator.stream.ChangeFeed;
import no.rusmonitor.platform.outbox.OutboxRelay;
import no.rusmonitor.platform.problem.Failures;
import no.rusmonitor.platform.problem.ServiceFault;

/**
 * The one place values are written. Every write is a job: jobs run one at a time in this instance, and
 * each takes the {@code compute_state} row lock first, so writers of all instances are serialised and
 * the change log's sequence follows commit order. The lock's counter also tells the engine whether
 * anyone else wrote since it last did; if so, it forgets what it held in memory and reads it again.
 * <p>
 * Three kinds of job share the same computation ({@link YearComputation}) and the same comparison
 * with what is stored ({@link Diff}): a submission (the indicators whose questions changed, for its
 * year), a new definition version (that indicator, every year), and one year of a full rebuild
 * (everything, read afresh from the stored answers).
 */
@ApplicationScoped
public class IndicatorEngine {

    private static final Logger LOG = Logger.getLogger(IndicatorEngine.class);

    /** What a submission did. */
    public enum Outcome {
        applied, duplicate, stale
    }

    public record ApplyResult(Outcome outcome, int indicatorsRecomputed, int valuesChanged) {
    }

    public record PublishResult(IndicatorDefinition definition, int yearsRecomputed, int valuesComputed, int valuesChanged) {
    }

    public record YearResult(int year, int valuesComputed, int valuesChanged) {
    }

    private final Pool pool;
    private final AnswerStore answerStore;
    private final ValueStore valueStore;
    private final DefinitionStore definitionStore;
    private final Geography geography;
    private final Clock clock;
    private final OutboxRelay relay;
    private final ChangeFeed feed;
    private final EngineMetrics metrics;
    private final SerialQueue queue = new SerialQueue();
    private final ExecutorService computeThread = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "indicator-compute");
        thread.setDaemon(true);
        return thread;
    });
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    // Touched only by jobs, which run one at a time.
    private long lastSeq = -1;
    private Map<String, CompiledIndicator> registry;
    /** The years held in memory, least recently used first; beyond {@code yearsHeld} the oldest is dropped and read again when needed. */
    private final Map<Integer, YearState> years;
    private final int yearsHeld;
    /** The statement that opens every job: its time limits, then the writers' lock ({@link #opening}). */
    private final String opening;

    /** One job's transaction, and what to do to the memory once it has committed. */
    private static final class Tx {
        SqlConnection connection;
        long seq;
        Instant now;
        final List<Runnable> afterCommit = new ArrayList<>();
        /** The change-log entries written, for the live stream once committed. */
        final List<Change> published = new ArrayList<>();
        int changed;
    }

    @Inject
    public IndicatorEngine(Pool pool, AnswerStore answerStore, ValueStore valueStore, DefinitionStore definitionStore, Geography geography,
            Clock clock, OutboxRelay relay, ChangeFeed feed, EngineMetrics metrics,
            @ConfigProperty(name = "rusmonitor.engine.years-held", defaultValue = "3") int yearsHeld,
            @ConfigProperty(name = "rusmonitor.engine.statement-timeout", defaultValue = "2m") Duration statementTimeout,
            @ConfigProperty(name = "rusmonitor.engine.idle-timeout", defaultValue = "30s") Duration idleTimeout) {
        this.pool = pool;
        this.answerStore = answerStore;
        this.valueStore = valueStore;
        this.definitionStore = definitionStore;
        this.geography = geography;
        this.clock = clock;
        this.relay = relay;
        this.feed = feed;
        this.metrics = metrics;
        this.yearsHeld = yearsHeld;
        this.opening = opening(statementTimeout, idleTimeout);
        // Submissions come mostly for the newest year and corrections for the few before; a full rebuild or a
        // new definition walks every year, and holding them all would keep the whole history in memory.
        this.years = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, YearState> eldest) {
                return size() > yearsHeld;
            }
        };
    }

    /** How many years' answers and values the engine holds in memory at most. */
    public int yearsHeld() {
        return yearsHeld;
    }

    @PreDestroy
    void stop() {
        computeThread.shutdownNow();
    }

    // --- jobs -------------------------------------------------------------------------------------

    /**
     * Applies submissions in one job, in the order given: per year, the answers first, then each affected
     * indicator once. {@code take} is asked for them when the job starts, so that whatever arrived while
     * earlier jobs ran goes in too ({@link SubmissionBatches} gathers them). A version no newer than the
     * one held changes nothing.
     */
    public Uni<List<ApplyResult>> applyTogether(Supplier<List<AnswerSet>> take) {
        return job("submission", tx -> applyAll(tx, take.get()));
    }

    private Uni<List<ApplyResult>> applyAll(Tx tx, List<AnswerSet> batch) {
        ApplyResult[] results = new ApplyResult[batch.size()];
        Map<Integer, List<Integer>> byYear = new TreeMap<>();
        for (int i = 0; i < batch.size(); i++) {
            byYear.computeIfAbsent(batch.get(i).year(), y -> new ArrayList<>()).add(i);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Map.Entry<Integer, List<Integer>> entry : byYear.entrySet()) {
            chain = chain.flatMap(x -> year(tx, entry.getKey())).emitOn(computeThread)
                    .flatMap(state -> applyToYear(tx, state, batch, entry.getValue(), results));
        }
        return chain.map(x -> List.of(results));
    }

    private Uni<Void> applyToYear(Tx tx, YearState state, List<AnswerSet> batch, List<Integer> indexes, ApplyResult[] results) {
        Map<String, AnswerSet> newest = new LinkedHashMap<>();
        Map<String, Integer> versions = state.versions();
        Map<String, Map<String, Contribution>> newContributions = new HashMap<>();
        YearGeography geo = state.geography;
        for (int i : indexes) {
            AnswerSet incoming = batch.get(i);
            String code = incoming.municipalityCode();
            AnswerSet old = newest.containsKey(code) ? newest.get(code) : state.answers.get(code);
            if (old != null && old.submissionVersion() >= incoming.submissionVersion()) {
                results[i] = new ApplyResult(old.submissionVersion() == incoming.submissionVersion() ? Outcome.duplicate : Outcome.stale, 0, 0);
                continue;
            }
            Set<String> changedQuestions = changedQuestions(old, incoming);
            newest.put(code, incoming);
            versions.put(code, incoming.submissionVersion());
            int recomputed = 0;
            for (CompiledIndicator indicator : registry.values()) {
                if (old == null || !Collections.disjoint(indicator.questions(), changedQuestions)) {
                    newContributions.computeIfAbsent(indicator.id(), id -> new HashMap<>())
                            .put(code, Contributions.of(indicator, geo.municipality(code), incoming, metrics));
                    recomputed++;
                }
            }
            results[i] = new ApplyResult(Outcome.applied, recomputed, 0);
        }
        if (newest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<ValueWrite> writes = new ArrayList<>();
        Map<String, List<StoredValue>> inOrder = new HashMap<>();
        // Only the indicators whose questions changed: the others' values keep their figures, and the
        // submission version they name is read from the answers (see ValueStore), so nothing is written for them.
        for (CompiledIndicator indicator : registry.values()) {
            Map<String, Contribution> changed = newContributions.get(indicator.id());
            if (changed != null) {
                Map<String, Contribution> contributions = new HashMap<>(contributionsOf(state, indicator));
                contributions.putAll(changed);
                YearCells cells = YearComputation.cells(indicator, geo, contributions, versions);
                inOrder.put(indicator.id(), Diff.into(writes, state.values, state.inOrder.get(indicator.id()), cells, changed.keySet(), tx.now));
            }
        }
        // Both are built here, on the engine's thread, and sent together: the connection pipelines them.
        Uni<Void> saves = answerStore.saveAll(tx.connection, newest.values(), tx.now);
        Uni<Integer> stored = valueStore.write(tx.connection, writes, tx.published, computeThread);
        return Uni.combine().all().unis(saves, stored).with((saved, changed) -> {
            tx.changed += changed;
            tx.afterCommit.add(() -> {
                state.answers.putAll(newest);
                newContributions.forEach((id, byCode) -> contributionsOf(state, registry.get(id)).putAll(byCode));
                remember(state, writes);
                state.inOrder.putAll(inOrder);
            });
            return null;
        });
    }

    /** Publishes the next version of an indicator (checked by the caller) and recomputes it everywhere. */
    public Uni<PublishResult> publish(String id, DefinitionContent content, String by) {
        return job("definition", tx -> definitionStore.versions(tx.connection, id).flatMap(existing -> {
            int version = existing.isEmpty() ? 1 : existing.get(existing.size() - 1).version() + 1;
            CompiledIndicator compiled = compile(id, version, content);
            return storeDefinition(tx, id, version, content, by)
                    .flatMap(x -> recomputeEverywhere(tx, compiled))
                    .map(counts -> new PublishResult(IndicatorDefinition.of(id, version, content, tx.now, by), counts[0], counts[1], counts[2]));
        }));
    }

    /** Recomputes one year from the answers stored in the database, as a full rebuild does, year by year. */
    public Uni<YearResult> rebuildYear(int year) {
        return job("rebuild", tx -> readYear(tx, year)
                .flatMap(state -> {
                    List<ValueWrite> writes = new ArrayList<>();
                    int computed = 0;
                    Map<ValueKey, StoredValue> before = new HashMap<>(state.values);
                    for (CompiledIndicator indicator : registry.values()) {
                        Map<String, Contribution> contributions = state.contributionsOf(indicator, metrics);
                        state.contributions.put(indicator.id(), contributions);
                        List<ComputedValue> values = YearComputation.compute(indicator, state.geography, contributions, state.versions());
                        computed += values.size();
                        state.inOrder.put(indicator.id(), Diff.into(writes, before, null, values, tx.now));
                    }
                    int total = computed;
                    return valueStore.write(tx.connection, writes, tx.published, computeThread).map(changed -> {
                        tx.changed = changed;
                        tx.afterCommit.add(() -> {
                            remember(state, writes);
                            years.put(year, state);
                        });
                        return new YearResult(year, total, changed);
                    });
                }));
    }

    /** The years that have stored answers. */
    public Uni<List<Integer>> yearsWithAnswers() {
        return answerStore.years(pool);
    }

    /**
     * Loads the definitions kept in the repository: a file whose version is newer than the database's is
     * published (and recomputed); an older one is left, since operators may have published since.
     * Runs before any other job.
     */
    public Uni<List<String>> seed(List<DefinitionFile> files) {
        return queue.run(() -> transaction("definition", tx -> {
            List<String> published = new ArrayList<>();
            Uni<Void> chain = Uni.createFrom().voidItem();
            for (DefinitionFile file : files) {
                CompiledIndicator current = registry.get(file.id());
                if (current != null && current.version() >= file.version()) {
                    if (current.version() == file.version() && !current.content().equals(file.content())) {
                        LOG.warnf("%s has version %d, but the database's version %d differs; give the file a new version to publish it",
                                file.file(), file.version(), current.version());
                    }
                    continue;
                }
                CompiledIndicator compiled = compile(file.id(), file.version(), file.content());
                published.add(file.id() + " v" + file.version());
                chain = chain.flatMap(x -> storeDefinition(tx, file.id(), file.version(), file.content(), "definition-files"))
                        .flatMap(x -> recomputeEverywhere(tx, compiled)).replaceWithVoid();
            }
            return chain.replaceWith(published);
        })).invoke(published -> {
            if (!published.isEmpty()) {
                LOG.infof("Published indicator definitions from the repository: %s", published);
            }
        });
    }

    /**
     * Stores a new version. It leaves for Kafka from the definitions' log (events/DefinitionLog) once committed: the
     * relay is woken then, also when no value changed with it.
     */
    private Uni<Void> storeDefinition(Tx tx, String id, int version, DefinitionContent content, String by) {
        tx.afterCommit.add(relay::wakeUp);
        return definitionStore.insert(tx.connection, id, version, content, tx.now, by);
    }

    /** Lets the jobs waiting for the definitions run. */
    public void markStarted() {
        started.complete(null);
    }

    // --- machinery --------------------------------------------------------------------------------

    private <T> Uni<T> job(String kind, Function<Tx, Uni<T>> work) {
        return Uni.createFrom().completionStage(started).flatMap(x -> queue.run(() -> transaction(kind, work)));
    }

    /**
     * Takes the writers' lock and the next number, and names this instance's computation revision for the
     * transaction: the database notes writes by an older one (V5, {@code note_older_writer}).
     */
    private static final String LOCK = "update compute_state set seq = seq + 1 where id = 1 "
            + "returning seq, set_config('rusmonitor.computation_revision', '" + ComputationRevision.CURRENT + "', true)";

    /**
     * Bounds, for the job's transaction only, how long one statement may run (waiting for the lock included) and
     * how long the transaction may sit idle between two. Without them an instance that stalled inside a job (a
     * frozen process, a lost network) held the writers' lock for as long as its connection lived, and every
     * other instance's jobs waited behind it, with nothing in any log. With them the database ends such a
     * transaction, the lock passes on, and a job that ran out fails as transient, so its submission is retried.
     * The idle limit is the shorter, so that the others' jobs, waiting for the lock, get it before their own
     * statement limit runs out. Sent in one round trip with the lock, as a second statement: since PostgreSQL 13
     * a limit set by one statement of a message applies to the next.
     */
    private static String opening(Duration statementTimeout, Duration idleTimeout) {
        return "select set_config('statement_timeout', '" + millis("statement-timeout", statementTimeout) + "', true), "
                + "set_config('idle_in_transaction_session_timeout', '" + millis("idle-timeout", idleTimeout) + "', true); " + LOCK;
    }

    /**
     * Whether a job failed for one of its time limits: a statement cancelled (57014: waiting for the lock, or
     * running, too long) or its transaction ended for sitting idle (25P03, when the client hears of it).
     */
    public static boolean ranOutOfTime(Throwable failure) {
        return Failures.chain(failure).stream()
                .anyMatch(t -> t instanceof PgException pg && ("57014".equals(pg.getSqlState()) || "25P03".equals(pg.getSqlState())));
    }

    /** A limit PostgreSQL takes (it counts in int milliseconds, and 0 would mean none): refused at start otherwise. */
    private static long millis(String setting, Duration limit) {
        if (limit.compareTo(Duration.ofSeconds(1)) < 0 || limit.compareTo(Duration.ofDays(1)) > 0) {
            throw new IllegalArgumentException("rusmonitor.engine." + setting + " must be between 1 second and 1 day, not " + limit);
        }
        return limit.toMillis();
    }

    private <T> Uni<T> transaction(String kind, Function<Tx, Uni<T>> work) {
        long startedAt = System.nanoTime();
        Tx tx = new Tx();
        tx.now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        return pool.withTransaction(connection -> {
            tx.connection = connection;
            return connection.query(opening).execute()
                    .map(results -> results.next().iterator().next().getLong(0)) // the lock's, after the limits'
                    .emitOn(computeThread)
                    .flatMap(seq -> {
                        tx.seq = seq;
                        if (seq - 1 != lastSeq) {
                            forget();
                        }
                        return registry == null ? loadRegistry(connection) : Uni.createFrom().voidItem();
                    })
                    .flatMap(x -> work.apply(tx));
        }).emitOn(computeThread).invoke(result -> {
            lastSeq = tx.seq;
            tx.afterCommit.forEach(Runnable::run);
            metrics.recomputed(kind, Duration.ofNanos(System.nanoTime() - startedAt), tx.changed);
            if (tx.changed > 0) {
                relay.wakeUp();
                feed.committed(tx.published);
            }
        }).onFailure().invoke(failure -> {
            forget();
            lastSeq = -1;
        });
    }

    private void forget() {
        registry = null;
        years.clear();
    }

    /** Compiles the definitions on the compute thread, where the job's work then starts, as it does when they are held. */
    private Uni<Void> loadRegistry(SqlConnection connection) {
        return definitionStore.latest(connection).emitOn(computeThread).map(definitions -> {
            Map<String, CompiledIndicator> compiled = new TreeMap<>();
            for (IndicatorDefinition d : definitions) {
                compiled.put(d.id(), compile(d.id(), d.version(), definitionStore.content(d)));
            }
            registry = compiled;
            return null;
        });
    }

    private static CompiledIndicator compile(String id, int version, DefinitionContent content) {
        try {
            return CompiledIndicator.compile(id, version, content);
        } catch (FormulaException e) {
            // A stored definition this build cannot compile: no submission is to blame, and none can be applied.
            throw new ServiceFault("definition " + id + " v" + version + " has an invalid formula: " + e.getMessage(), e);
        }
    }

    /** The year's state, read from the database (inside the job's transaction) unless held already. */
    private Uni<YearState> year(Tx tx, int year) {
        YearState held = years.get(year);
        if (held != null) {
            return Uni.createFrom().item(held);
        }
        return readYear(tx, year).invoke(state -> years.put(year, state));
    }

    /**
     * The year's answers and stored values as the database has them, on the engine's thread. The values are
     * mapped as their rows arrive (see {@link ValueStore#read}), the answers' JSON on the engine's thread.
     */
    private Uni<YearState> readYear(Tx tx, int year) {
        return answerStore.year(tx.connection, year, computeThread)
                .flatMap(answers -> valueStore.year(tx.connection, year).map(values -> new YearState(geography.year(year), answers, values)))
                .emitOn(computeThread);
    }

    private Map<String, Contribution> contributionsOf(YearState state, CompiledIndicator indicator) {
        return state.contributions.computeIfAbsent(indicator.id(), id -> state.contributionsOf(indicator, metrics));
    }

    /** An indicator (new or in a new version) recomputed in every year that has answers: {years, computed, changed}. */
    private Uni<int[]> recomputeEverywhere(Tx tx, CompiledIndicator indicator) {
        return answerStore.years(tx.connection).flatMap(yearList -> {
            List<ValueWrite> writes = new ArrayList<>();
            int[] counts = { yearList.size(), 0, 0 };
            Uni<Void> chain = Uni.createFrom().voidItem();
            Map<Integer, Map<String, Contribution>> contributionsByYear = new HashMap<>();
            Map<Integer, List<StoredValue>> inOrderByYear = new HashMap<>();
            for (int y : yearList) {
                chain = chain.flatMap(x -> year(tx, y)).emitOn(computeThread).invoke(state -> {
                    Map<String, Contribution> contributions = state.contributionsOf(indicator, metrics);
                    contributionsByYear.put(y, contributions);
                    List<ComputedValue> values = YearComputation.compute(indicator, state.geography, contributions, state.versions());
                    counts[1] += values.size();
                    inOrderByYear.put(y, Diff.into(writes, state.values, state.inOrder.get(indicator.id()), values, tx.now));
                }).replaceWithVoid();
            }
            return chain.flatMap(x -> valueStore.write(tx.connection, writes, tx.published, computeThread)).map(changed -> {
                counts[2] = changed;
                tx.changed += changed;
                tx.afterCommit.add(() -> {
                    registry.put(indicator.id(), indicator);
                    contributionsByYear.forEach((y, contributions) -> {
                        YearState state = years.get(y);
                        if (state != null) {
                            state.contributions.put(indicator.id(), contributions);
                            remember(state, writes);
                            state.inOrder.put(indicator.id(), inOrderByYear.get(y));
                        }
                    });
                });
                return counts;
            });
        });
    }

    private static void remember(YearState state, List<ValueWrite> writes) {
        int year = state.geography.year();
        for (ValueWrite write : writes) {
            if (write.stored().value().key().year() == year) {
                state.values.put(write.stored().value().key(), write.stored());
            }
        }
    }

    private static Set<String> changedQuestions(AnswerSet old, AnswerSet incoming) {
        Set<String> changed = new HashSet<>();
        if (old == null) {
            changed.addAll(incoming.answers().keySet());
            return changed;
        }
        Set<String> all = new HashSet<>(old.answers().keySet());
        all.addAll(incoming.answers().keySet());
        for (String question : all) {
            Object before = old.answer(question);
            Object after = incoming.answer(question);
            boolean same = before instanceof java.math.BigDecimal b && after instanceof java.math.BigDecimal a ? b.compareTo(a) == 0
                    : Objects.equals(before, after);
            if (!same) {
                changed.add(question);
            }
        }
        return changed;
    }
}
