package no.rusmonitor.indicator.rebuild;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.indicator.compute.ComputationRevision;
import no.rusmonitor.indicator.engine.IndicatorEngine;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.ConcurrentChange;
import no.rusmonitor.platform.problem.Failures;
import no.rusmonitor.platform.problem.Problem;

/**
 * Full rebuilds: every indicator of every year recomputed from the stored answers, one year per
 * transaction (submissions are taken in between), changed values published as always. One rebuild at a
 * time across all instances; its progress is kept in the database so that any instance can report it, and
 * its heartbeat, so that one whose instance stopped is known to be over. A rebuild that succeeds records
 * the computation's revision it used ({@link ComputationRevision}; see {@link ComputationUpgrade}).
 */
@ApplicationScoped
public class RebuildService {

    private static final Logger LOG = Logger.getLogger(RebuildService.class);
    private static final String COLUMNS = "id, requested_by, state, years_total, years_done, values_computed, values_changed, requested_at, "
            + "started_at, finished_at, error, computation_revision";

    private final Pool pool;
    private final IndicatorEngine engine;
    private final Clock clock;

    /** The rebuilds this instance is running. */
    private final Set<UUID> runningHere = ConcurrentHashMap.newKeySet();
    private final Duration staleAfter;

    @Inject
    public RebuildService(Pool pool, IndicatorEngine engine, Clock clock,
            @ConfigProperty(name = "rusmonitor.rebuild.stale-after", defaultValue = "60s") Duration staleAfter) {
        this.pool = pool;
        this.engine = engine;
        this.clock = clock;
        this.staleAfter = staleAfter;
    }

    /** A rebuild whose instance stopped while it ran will not finish; one another instance is running goes on. */
    void onStart(@Observes StartupEvent event) {
        markInterrupted().await().atMost(Duration.ofSeconds(30));
    }

    /**
     * Every few seconds: the rebuilds this instance runs are marked alive, and any rebuild whose heartbeat
     * stopped for {@code rusmonitor.rebuild.stale-after} is marked failed, which lets the next one start.
     */
    @Scheduled(every = "${rusmonitor.rebuild.heartbeat:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> heartbeat() {
        Uni<Void> alive = runningHere.isEmpty() ? Uni.createFrom().voidItem()
                : pool.preparedQuery("update rebuild set heartbeat_at = now() where id = any($1)")
                        .execute(Tuple.of(runningHere.toArray(UUID[]::new))).replaceWithVoid();
        return alive.flatMap(x -> markInterrupted()).onFailure().recoverWithItem(failure -> {
            LOG.debugf("Could not keep the rebuilds' heartbeat: %s", failure.getMessage());
            return null;
        });
    }

    private Uni<Void> markInterrupted() {
        return pool.preparedQuery("update rebuild set state = 'failed', finished_at = now(), "
                + "error = 'interrupted: the instance running it stopped' where state in ('queued', 'running') "
                + "and heartbeat_at < now() - make_interval(secs => $1)").execute(Tuple.of((double) staleAfter.toSeconds())).replaceWithVoid();
    }

    /** Starts a rebuild and answers at once with its first progress; 409 while another one runs. */
    public Uni<RebuildView> start(String by) {
        return start(by, false);
    }

    /**
     * Starts a rebuild if the stored values still come from an earlier revision of the computation when it
     * is recorded (checked in the same statement, so that one that succeeded a moment ago is not followed by
     * another); null if they no longer do. The check locks the revision's row: a rebuild that is recording
     * its success holds it, and the check then reads what it recorded rather than what was there before.
     */
    Uni<RebuildView> startWhileBehind(String by) {
        return start(by, true);
    }

    private Uni<RebuildView> start(String by, boolean onlyWhileBehind) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        return engine.yearsWithAnswers().flatMap(years -> pool.preparedQuery("insert into rebuild (id, requested_by, state, years_total, "
                + "years_done, values_computed, values_changed, requested_at, started_at, heartbeat_at, computation_revision) "
                + "select $1, $2, 'running', $3, 0, 0, 0, $4, $4, $4, $5 "
                + "where not $6 or exists (select 1 from computation where revision < $5 for update)")
                .execute(Tuple.of(id, by, years.size(), now.atOffset(ZoneOffset.UTC), ComputationRevision.CURRENT, onlyWhileBehind))
                .onFailure(ConcurrentChange::isCause).transform(e -> new ApiException(Problem.of(409, "rebuild-running", "Conflict",
                        "A rebuild is already running; follow it at GET /api/rebuilds.")))
                .flatMap(inserted -> {
                    if (inserted.rowCount() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    runningHere.add(id);
                    run(id, years);
                    return get(id);
                }));
    }

    private void run(UUID id, List<Integer> years) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        long[] computed = new long[1];
        long[] changed = new long[1];
        for (int i = 0; i < years.size(); i++) {
            int year = years.get(i);
            int done = i + 1;
            chain = chain.flatMap(x -> waitingOut(engine.rebuildYear(year))).flatMap(result -> {
                computed[0] += result.valuesComputed();
                changed[0] += result.valuesChanged();
                // Totals, not increments: written again after a failure, the progress is still right.
                return waitingOut(pool.preparedQuery("update rebuild set years_done = $2, values_computed = $3, values_changed = $4 "
                        + "where id = $1 and state = 'running'").execute(Tuple.of(id, done, computed[0], changed[0])))
                        .invoke(updated -> {
                            if (updated.rowCount() == 0) {
                                // Its heartbeat stopped while the database was away, and another instance marked it over.
                                throw new IllegalStateException("rebuild " + id + " was marked over while it ran");
                            }
                        }).replaceWithVoid();
            });
        }
        // Every stored value now comes from this instance's revision of the computation, unless an older instance
        // wrote values since the rebuild started (never recorded lower; nothing if the rebuild was marked over).
        chain.flatMap(x -> waitingOut(pool.preparedQuery("with done as (update rebuild set state = 'succeeded', finished_at = $2 "
                + "where id = $1 and state = 'running' returning started_at) "
                + "update computation c set revision = $3, since = $2 from done where c.revision < $3 "
                + "and (c.older_write_at is null or c.older_write_at < done.started_at)")
                .execute(Tuple.of(id, clock.instant().atOffset(ZoneOffset.UTC), ComputationRevision.CURRENT))))
                .eventually(() -> runningHere.remove(id))
                .subscribe().with(x -> LOG.infof("Rebuild %s finished", id), failure -> {
                    // The cause goes to the log, not to whoever reads the rebuild's progress.
                    String errorId = UUID.randomUUID().toString();
                    LOG.errorf(failure, "Rebuild %s failed (error id %s)", id, errorId);
                    // Only while running: one another instance marked interrupted keeps what it says.
                    pool.preparedQuery("update rebuild set state = 'failed', finished_at = $2, error = $3 where id = $1 and state = 'running'")
                            .execute(Tuple.of(id, clock.instant().atOffset(ZoneOffset.UTC),
                                    "failed; error id " + errorId + " in the service's log gives the cause"))
                            .subscribe().with(y -> {
                            }, e -> LOG.errorf(e, "Could not record the failure of rebuild %s", id));
                });
    }

    /**
     * A step run again while the database is away for a moment (a restart, a failover), rather than the whole
     * rebuild failing at its first blip (and an automatic one then waiting ten minutes to try again). Each step is
     * one transaction, and doing one again is harmless: a year rebuilt twice changes nothing the second time. For
     * half of {@code rusmonitor.rebuild.stale-after} from the step's start: longer, and other instances would take
     * the rebuild, whose heartbeat cannot be written meanwhile, for one whose instance stopped.
     */
    private <T> Uni<T> waitingOut(Uni<T> step) {
        return step.onFailure(Failures::isTransient).retry().withBackOff(Duration.ofMillis(500), Duration.ofSeconds(5))
                .expireIn(staleAfter.dividedBy(2).toMillis());
    }

    public Uni<RebuildView> get(UUID id) {
        return pool.preparedQuery("select " + COLUMNS + " from rebuild where id = $1").execute(Tuple.of(id)).map(rows -> {
            if (!rows.iterator().hasNext()) {
                throw ApiException.notFound("There is no rebuild " + id + ".");
            }
            return view(rows.iterator().next());
        });
    }

    public Uni<List<RebuildView>> recent() {
        return pool.query("select " + COLUMNS + " from rebuild order by requested_at desc limit 20").execute().map(rows -> {
            List<RebuildView> list = new ArrayList<>();
            rows.forEach(row -> list.add(view(row)));
            return list;
        });
    }

    private static RebuildView view(Row row) {
        Instant requested = row.getOffsetDateTime("requested_at").toInstant();
        Instant started = row.getOffsetDateTime("started_at") == null ? null : row.getOffsetDateTime("started_at").toInstant();
        Instant finished = row.getOffsetDateTime("finished_at") == null ? null : row.getOffsetDateTime("finished_at").toInstant();
        int total = row.getInteger("years_total");
        int done = row.getInteger("years_done");
        return new RebuildView(row.getUUID("id"), row.getString("state"), row.getString("requested_by"), requested, started, finished, total,
                done, total == 0 ? 100 : done * 100 / total, row.getLong("values_computed"), row.getLong("values_changed"),
                started != null && finished != null ? Duration.between(started, finished).toMillis() : null,
                row.getInteger("computation_revision"), row.getString("error"));
    }
}
