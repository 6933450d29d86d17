package no.rusmonitor.indicator.stream;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Level;

/** The feed over a change log in memory, committed to in sequence order (the feed's own logic, without PostgreSQL). */
final class InMemoryChangeFeed extends ChangeFeed {

    final ConcurrentSkipListMap<Long, Change> log = new ConcurrentSkipListMap<>();
    /** Runs once, inside the next look-up of the change after a subscriber's cursor, before it is answered. */
    volatile Runnable duringNextLookup;

    /** Where reads of the log complete, and commits reach the subscribers; null: at once, on the caller's thread. */
    private final Executor elsewhere;

    InMemoryChangeFeed(int window) {
        this(window, null);
    }

    InMemoryChangeFeed(int window, Executor elsewhere) {
        super(null, new ObjectMapper(), window, Duration.ofDays(7), new SimpleMeterRegistry());
        this.elsewhere = elsewhere;
    }

    @Override
    ConcurrentNavigableMap<Long, Change> newWindow() {
        return new ConcurrentSkipListMap<>() {
            @Override
            public Map.Entry<Long, Change> higherEntry(Long key) {
                Runnable meanwhile = duringNextLookup;
                if (meanwhile != null) {
                    duringNextLookup = null;
                    meanwhile.run();
                }
                return super.higherEntry(key);
            }
        };
    }

    /** How many changes the subscribers' reads of the log asked for, at most, in one page. */
    volatile int largestPage;

    @Override
    void fanOut(Runnable drain) {
        if (elsewhere == null) {
            drain.run(); // at once, so that each test sees what a commit delivered when it returns
        } else {
            elsewhere.execute(drain);
        }
    }

    void commit(long seq) {
        commit(change(seq));
    }

    void commit(Change change) {
        log.put(change.seq(), change);
        committed(List.of(change));
    }

    @Override
    Uni<Bounds> bounds() {
        return Uni.createFrom().item(() -> log.isEmpty() ? new Bounds(0, 0, 0) : new Bounds(log.firstKey(), log.lastKey(), 0));
    }

    @Override
    Uni<Page> page(long after, int limit, StreamFilter filter) {
        largestPage = Math.max(largestPage, limit);
        Uni<Page> read = Uni.createFrom().item(() -> {
            List<Change> changes = log.tailMap(after, false).values().stream().limit(limit).toList();
            return new Page(changes.stream().filter(filter::matches).toList(), changes.isEmpty() ? -1 : changes.get(changes.size() - 1).seq());
        });
        return elsewhere == null ? read : read.runSubscriptionOn(elsewhere); // as PostgreSQL answers: on another thread
    }


    /** A change for the country. */
    static Change change(long seq) {
        return new Change(seq, "goal3.individual_plan_share", "3", Level.country, "NO", Borders.AS_REPORTED, 2024, "{}", "{}");
    }

    /** A change for Oslo. */
    static Change oslo(long seq) {
        return new Change(seq, "goal3.individual_plan_share", "3", Level.municipality, "0301", Borders.AS_REPORTED, 2024, "{}", "{}");
    }
}
