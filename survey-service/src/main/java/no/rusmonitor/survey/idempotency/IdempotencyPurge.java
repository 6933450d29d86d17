package no.rusmonitor.survey.idempotency;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Forgets Idempotency-Keys once they are older than the retention, so that the table holds weeks of keys rather
 * than every key ever sent. A retry that comes later is a new request. That creates no second version: a
 * correction must name the version it corrects (If-Match), and the submission has moved past it.
 * <p>
 * No index on created_at: the table holds one row per keyed submission within the retention (thousands in a
 * survey year), so an hourly scan is cheap, and an index would be one more write on the submission path.
 */
@ApplicationScoped
public class IdempotencyPurge {

    private static final Logger LOG = Logger.getLogger(IdempotencyPurge.class);

    private static final String DELETE_OLDER_THAN = "delete from idempotency_record where created_at < $1";

    private final Pool pool;
    private final Clock clock;
    private final Duration retention;

    @Inject
    public IdempotencyPurge(Pool pool, Clock clock,
            @ConfigProperty(name = "rusmonitor.idempotency.retention", defaultValue = "P30D") Duration retention) {
        this.pool = pool;
        this.clock = clock;
        this.retention = retention;
    }

    /** Deletes the keys older than the retention; returns how many. */
    public Uni<Integer> purge() {
        return pool.preparedQuery(DELETE_OLDER_THAN)
                .execute(Tuple.of(clock.instant().minus(retention).atOffset(ZoneOffset.UTC)))
                .map(deleted -> {
                    if (deleted.rowCount() > 0) {
                        LOG.infof("Forgot %d Idempotency-Keys older than %s", deleted.rowCount(), retention);
                    }
                    return deleted.rowCount();
                });
    }

    @Scheduled(every = "1h", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> hourly() {
        // The database away for a while only postpones this to the next hour.
        return purge().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Could not forget old Idempotency-Keys: %s", failure.getMessage());
            return null;
        });
    }
}
