package no.rusmonitor.survey.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Group commit keeps each append's outcome its own, and keeps writing after an append that cannot even be
 * built: one that throws before it has a Uni fails alone, and the appends after it are written.
 */
class AppendBatcherTest {

    private final VersionStore.Append slow = new VersionStore.Append(null, null, null);
    private final VersionStore.Append broken = new VersionStore.Append(null, null, null);
    private final CompletableFuture<Boolean> slowWritten = new CompletableFuture<>();

    /** Writes each append at once, except the slow one (when the test says) and the broken one (never: it throws). */
    private final VersionStore store = new VersionStore(new ObjectMapper(), null) {
        @Override
        public Uni<Boolean> append(SqlClient client, Snapshot read, Append append) {
            if (append == slow) {
                return Uni.createFrom().completionStage(slowWritten);
            }
            return Uni.createFrom().item(appendValues(read, append)).replaceWith(true);
        }

        @Override
        Tuple appendValues(Snapshot read, Append append) {
            if (append == broken) {
                throw new NullPointerException("a parameter that is not there");
            }
            return Tuple.tuple();
        }
    };

    /** A database that refuses every shared transaction, so that a batch is written again one by one. */
    private final Pool refusing = new Pool((io.vertx.sqlclient.Pool) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] { io.vertx.sqlclient.Pool.class }, (proxy, method, args) -> {
                throw new IllegalStateException("no shared transaction here");
            }));

    @Test
    void anAppendThatCannotBeBuiltFailsAloneAndTheRestAreWritten() throws Exception {
        AppendBatcher batcher = new AppendBatcher(refusing, store, 64);
        CompletableFuture<Boolean> first = batcher.append(null, slow).subscribeAsCompletionStage();
        // These arrive while the first is being written, so they are written together after it.
        CompletableFuture<Boolean> before = batcher.append(null, new VersionStore.Append(null, null, null)).subscribeAsCompletionStage();
        CompletableFuture<Boolean> bad = batcher.append(null, broken).subscribeAsCompletionStage();
        CompletableFuture<Boolean> after = batcher.append(null, new VersionStore.Append(null, null, null)).subscribeAsCompletionStage();
        slowWritten.complete(true);

        assertEquals(true, first.get(5, TimeUnit.SECONDS));
        assertEquals(true, before.get(5, TimeUnit.SECONDS));
        assertEquals(true, after.get(5, TimeUnit.SECONDS));
        ExecutionException failure = assertThrows(ExecutionException.class, () -> bad.get(5, TimeUnit.SECONDS));
        assertInstanceOf(NullPointerException.class, failure.getCause());

        // Alone, too, and the next one is still written.
        assertThrows(ExecutionException.class, () -> batcher.append(null, broken).subscribeAsCompletionStage().get(5, TimeUnit.SECONDS));
        assertEquals(true, batcher.append(null, new VersionStore.Append(null, null, null)).subscribeAsCompletionStage().get(5, TimeUnit.SECONDS));
    }
}
