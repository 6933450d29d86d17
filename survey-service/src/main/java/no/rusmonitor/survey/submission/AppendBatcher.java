package no.rusmonitor.survey.submission;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Group commit for submissions: appends that arrive while a write is under way are written together,
 * in one transaction and one round trip, so that PostgreSQL commits once for many submissions. Under
 * light load each append is written at once, alone, with no added wait.
 * <p>
 * Each append keeps its own outcome: it moves its submission only if that is still as it was read.
 * If the shared transaction fails (for instance two retries racing for one Idempotency-Key), the
 * appends are written again one by one, so one request's conflict is never another's failure.
 */
@ApplicationScoped
public class AppendBatcher {

    private final Pool pool;
    private final VersionStore store;
    private final int maxBatch;
    private final List<Pending> queue = new ArrayList<>();
    private boolean writing;

    private record Pending(VersionStore.Snapshot read, VersionStore.Append append, UniEmitter<? super Boolean> result) {
    }

    @Inject
    public AppendBatcher(Pool pool, VersionStore store,
            @ConfigProperty(name = "rusmonitor.submissions.max-batch", defaultValue = "64") int maxBatch) {
        this.pool = pool;
        this.store = store;
        this.maxBatch = maxBatch;
    }

    /** True if appended; false if the submission moved since it was read. */
    public Uni<Boolean> append(VersionStore.Snapshot read, VersionStore.Append append) {
        return Uni.createFrom().emitter(emitter -> {
            boolean start;
            synchronized (this) {
                queue.add(new Pending(read, append, emitter));
                start = !writing;
                writing = true;
            }
            if (start) {
                writeNext();
            }
        });
    }

    private void writeNext() {
        List<Pending> batch;
        synchronized (this) {
            if (queue.isEmpty()) {
                writing = false;
                return;
            }
            batch = new ArrayList<>(queue.subList(0, Math.min(maxBatch, queue.size())));
            queue.subList(0, batch.size()).clear();
        }
        // Deferred, so that whatever goes wrong, even a throw before a Uni exists, ends in a signal that writes the
        // next batch: otherwise `writing` would stay true and every later append would wait for ever. A failure that
        // reaches here fails the batch's appends still waiting (those already answered ignore it).
        Uni.createFrom().deferred(() -> write(batch)).subscribe().with(x -> writeNext(), failure -> {
            batch.forEach(pending -> pending.result().fail(failure));
            writeNext();
        });
    }

    private Uni<Void> write(List<Pending> batch) {
        if (batch.size() == 1) {
            return one(batch.get(0));
        }
        // Deferred: an append whose parameters cannot be built fails alone, in the one-by-one writes below.
        return Uni.createFrom().deferred(() -> {
            List<Tuple> values = batch.stream().map(p -> store.appendValues(p.read(), p.append())).toList();
            return pool.withTransaction(connection -> connection.preparedQuery(VersionStore.APPEND).executeBatch(values));
        })
                .invoke(result -> {
                    RowSet<Row> rows = result;
                    for (Pending pending : batch) {
                        pending.result().complete(rows.size() == 1);
                        rows = rows.next();
                    }
                })
                .replaceWithVoid()
                .onFailure().recoverWithUni(failure -> io.smallrye.mutiny.Multi.createFrom().iterable(batch)
                        .onItem().transformToUniAndConcatenate(this::one).collect().last().replaceWithVoid());
    }

    private Uni<Void> one(Pending pending) {
        return Uni.createFrom().deferred(() -> store.append(pool, pending.read(), pending.append()))
                .invoke(appended -> pending.result().complete(appended))
                .onFailure().invoke(failure -> pending.result().fail(failure))
                .replaceWithVoid()
                .onFailure().recoverWithNull();
    }
}
