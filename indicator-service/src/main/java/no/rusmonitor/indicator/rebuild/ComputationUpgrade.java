package no.rusmonitor.indicator.rebuild;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

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
import no.rusmonitor.platform.problem.ApiException;

/**
 * Rebuilds every value by itself when the stored values come from an earlier revision of the computation
 * than this instance's ({@link ComputationRevision}), as after an upgrade that changed it: stored values
 * are otherwise recomputed only when a submission or a definition touches them, and until then would show
 * what the earlier revision got wrong.
 * <p>
 * Every instance checks on start and with each rebuild heartbeat; the one rebuild at a time rule lets one
 * start it. A succeeded rebuild records its revision ({@link RebuildService}), which ends the checks' work,
 * unless an instance of an older revision wrote values meanwhile (during a rolling update, say): the
 * database notes such writes and lowers the recorded revision (V5), so the values are rebuilt once more.
 * An automatic rebuild that failed (not merely interrupted by its instance stopping) is tried again only
 * after {@code rusmonitor.rebuild.automatic-retry-after}, so a rebuild that cannot succeed does not run
 * again and again; an operator can start one at any time.
 */
@ApplicationScoped
public class ComputationUpgrade {

    /** How an automatic rebuild shows in the rebuild list. */
    public static final String REQUESTED_BY = "indicator-service: the computation changed";
    private static final Logger LOG = Logger.getLogger(ComputationUpgrade.class);
    /** Revision 0 until the stored revision has been read. */
    private final AtomicInteger stored = new AtomicInteger();

    private final Pool pool;
    private final RebuildService rebuilds;
    private final Duration retryAfter;

    @Inject
    public ComputationUpgrade(Pool pool, RebuildService rebuilds,
            @ConfigProperty(name = "rusmonitor.rebuild.automatic-retry-after", defaultValue = "10m") Duration retryAfter) {
        this.pool = pool;
        this.rebuilds = rebuilds;
        this.retryAfter = retryAfter;
    }

    /**
     * A database without values yet has no revision: all its values will come from this revision or a later
     * one. From now on, writes by an instance of an older revision are noted (V5). Not awaited: start-up
     * need not wait for it, and the next check follows within a heartbeat anyway.
     */
    void onStart(@Observes StartupEvent event) {
        pool.preparedQuery("insert into computation (id, revision, since, newest) values (1, $1, now(), $1) on conflict (id) do update "
                + "set newest = excluded.newest where computation.newest < excluded.newest")
                .execute(Tuple.of(ComputationRevision.CURRENT)).replaceWithVoid()
                .flatMap(x -> check())
                .subscribe().with(x -> {
                }, failure -> LOG.warnf("Could not record this instance's computation revision: %s", failure.getMessage()));
    }

    @Scheduled(every = "${rusmonitor.rebuild.heartbeat:10s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> check() {
        return pool.preparedQuery("select revision, exists (select 1 from rebuild where requested_by = $1 and state = 'failed' "
                + "and error not like 'interrupted%' and finished_at > now() - make_interval(secs => $2)) from computation")
                .execute(Tuple.of(REQUESTED_BY, (double) retryAfter.toSeconds())).flatMap(rows -> {
                    Row row = rows.iterator().next();
                    stored.set(row.getInteger(0));
                    boolean failedLately = row.getBoolean(1);
                    if (stored.get() >= ComputationRevision.CURRENT || failedLately) {
                        return Uni.createFrom().voidItem();
                    }
                    return rebuilds.startWhileBehind(REQUESTED_BY).invoke(started -> {
                        if (started != null) {
                            LOG.infof("Stored values come from revision %d of the computation, this instance's is %d: rebuild %s started",
                                    stored.get(), ComputationRevision.CURRENT, started.id());
                        }
                    })
                            .replaceWithVoid()
                            .onFailure(ApiException.class).recoverWithNull(); // another instance's rebuild runs
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.debugf("Could not check the computation's revision: %s", failure.getMessage());
                    return null;
                });
    }

    /** The revision the stored values come from, as last read (0 before the first read). */
    public int storedRevision() {
        return stored.get();
    }
}
