package no.rusmonitor.indicator.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Level;

/**
 * The feed's window moving under its subscribers, as it does while the engine commits: each subscriber must
 * get every change exactly once and in order, from the window or, once the window has moved past it, from the
 * change log. A subscriber that found itself inside the window may find the changes after its cursor gone a
 * moment later; the first test makes that happen at exactly that moment, the second lets it happen as it
 * will, with subscribers reading from threads of their own. The change log is a map in memory here (this
 * tests the feed's own logic; StreamIT and StreamBehindWindowIT run it on PostgreSQL).
 */
class ChangeFeedWindowTest {

    private static final int CHANGES = 200_000;
    private static final int SUBSCRIBERS = 4;

    /** The feed over a change log in memory, committed to in sequence order. */
    private static final class InMemoryFeed extends ChangeFeed {

        final ConcurrentSkipListMap<Long, Change> log = new ConcurrentSkipListMap<>();
        /** Runs once, inside the next look-up of the change after a subscriber's cursor, before it is answered. */
        volatile Runnable duringNextLookup;

        /** Where reads of the log complete, and commits reach the subscribers; null: at once, on the caller's thread. */
        private final Executor elsewhere;

        InMemoryFeed(int window) {
            this(window, null);
        }

        InMemoryFeed(int window, Executor elsewhere) {
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
            return Uni.createFrom().item(() -> log.isEmpty() ? new Bounds(0, 0) : new Bounds(log.firstKey(), log.lastKey()));
        }

        @Override
        Uni<List<Change>> page(long after, int limit) {
            largestPage = Math.max(largestPage, limit);
            Uni<List<Change>> read = Uni.createFrom().item(() -> log.tailMap(after, false).values().stream().limit(limit).toList());
            return elsewhere == null ? read : read.runSubscriptionOn(elsewhere); // as PostgreSQL answers: on another thread
        }
    }

    private static Change change(long seq) {
        return new Change(seq, "goal3.individual_plan_share", "3", Level.country, "NO", Borders.AS_REPORTED, 2024, "{}", "{}");
    }

    private static Change oslo(long seq) {
        return new Change(seq, "goal3.individual_plan_share", "3", Level.municipality, "0301", Borders.AS_REPORTED, 2024, "{}", "{}");
    }

    @Test
    void aFilteredSubscriberFarBehindTheWindowGetsOnlyItsChangesAndFollowsOn() {
        InMemoryFeed feed = new InMemoryFeed(2);
        // Five thousand changes for the country, one for Oslo among them, all behind the window.
        LongStream.rangeClosed(1, 5000).forEach(seq -> feed.log.put(seq, seq == 2500 ? oslo(seq) : change(seq)));
        feed.wakeUp();
        feed.largestPage = 0; // the feed's own read of where the log ends
        StreamFilter osloOnly = new StreamFilter(java.util.Set.of(), java.util.Set.of(), java.util.Set.of("0301"), java.util.Set.of(),
                java.util.Set.of(), java.util.Set.of());
        AssertSubscriber<ChangeFeed.Item> subscriber = feed.subscribe(osloOnly, 0L).subscribe().withSubscriber(AssertSubscriber.create(3));

        assertEquals(List.of(2500L), subscriber.getItems().stream().map(item -> item.change().seq()).toList());
        assertEquals(64, feed.largestPage, "a subscriber that asked for three changes reads no more than a small page at a time");

        // Past the others, it is at the window's end: the next change for Oslo comes as it is committed.
        feed.commit(5001);
        feed.commit(oslo(5002));
        assertEquals(List.of(2500L, 5002L), subscriber.getItems().stream().map(item -> item.change().seq()).toList());
    }

    @Test
    void aSubscriberWhoseNextChangesLeaveTheWindowAsItLooksReadsThemFromTheLog() {
        InMemoryFeed feed = new InMemoryFeed(2);
        feed.wakeUp();
        AssertSubscriber<ChangeFeed.Item> subscriber = feed.subscribe(StreamFilter.ALL, null).subscribe().withSubscriber(AssertSubscriber.create());
        feed.commit(1);
        feed.commit(2);
        // The subscriber is at 0, inside the window (1, 2); while it looks for what follows 0, three more
        // commits move the window to (4, 5).
        feed.duringNextLookup = () -> LongStream.rangeClosed(3, 5).forEach(feed::commit);

        subscriber.request(5);

        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), subscriber.getItems().stream().map(item -> item.change().seq()).toList());
    }

    @Test
    void aSubscriberResumingBeforeTheFeedsFirstReadIsServedByIt() {
        InMemoryFeed feed = new InMemoryFeed(2);
        LongStream.rangeClosed(1, 5).forEach(seq -> feed.log.put(seq, change(seq))); // committed before this instance started
        // A dashboard reconnects as the service starts, before the feed has read where the log ends.
        AssertSubscriber<ChangeFeed.Item> subscriber = feed.subscribe(StreamFilter.ALL, 2L).subscribe().withSubscriber(AssertSubscriber.create(10));
        assertEquals(List.of(), subscriber.getItems());

        feed.wakeUp(); // the first read; no change follows it

        assertEquals(List.of(3L, 4L, 5L), subscriber.getItems().stream().map(item -> item.change().seq()).toList());
    }

    @Test
    void everySubscriberGetsEveryChangeOnceInOrderWhileTheWindowMovesUnderIt() throws Exception {
        everySubscriberGetsEveryChangeOnceInOrder(new InMemoryFeed(1));
    }

    /**
     * As in the service: reads of the log complete on other threads, and commits reach the subscribers from
     * workers, so a page can arrive while the subscriber is being served from the window.
     */
    @Test
    void everySubscriberGetsEveryChangeOnceInOrderWhenPagesArriveOnOtherThreads() throws Exception {
        ExecutorService elsewhere = Executors.newFixedThreadPool(4);
        try {
            everySubscriberGetsEveryChangeOnceInOrder(new InMemoryFeed(1, elsewhere));
        } finally {
            elsewhere.shutdownNow();
        }
    }

    private static void everySubscriberGetsEveryChangeOnceInOrder(InMemoryFeed feed) throws Exception {
        feed.wakeUp(); // reads where the (empty) log ends, as on start
        List<Iterator<ChangeFeed.Item>> streams = new ArrayList<>();
        for (int i = 0; i < SUBSCRIBERS; i++) {
            // One item requested at a time, from the reading thread: the subscriber pulls while the engine commits.
            streams.add(feed.subscribe(StreamFilter.ALL, null).subscribe().asIterable(1, ConcurrentLinkedQueue::new).iterator());
        }
        ExecutorService threads = Executors.newFixedThreadPool(SUBSCRIBERS);
        try {
            List<Future<List<Long>>> received = new ArrayList<>();
            for (Iterator<ChangeFeed.Item> stream : streams) {
                received.add(threads.submit(() -> {
                    // Up to the first one out of order, which ends the wait (a change skipped would never come).
                    List<Long> seqs = new ArrayList<>(CHANGES);
                    while (seqs.size() < CHANGES) {
                        ChangeFeed.Item item = stream.next();
                        seqs.add(item.change() != null ? item.change().seq() : -1L); // a reset would be wrong here: nothing is purged
                        if (seqs.get(seqs.size() - 1) != seqs.size()) {
                            break;
                        }
                    }
                    return seqs;
                }));
            }
            for (long seq = 1; seq <= CHANGES; seq++) {
                feed.commit(seq);
            }
            for (Future<List<Long>> subscriber : received) {
                List<Long> seqs = subscriber.get(60, TimeUnit.SECONDS);
                int count = seqs.size();
                assertEquals(count, seqs.get(count - 1), "what came after change " + (count - 1) + ": " + seqs.subList(Math.max(0, count - 4), count));
                assertEquals(CHANGES, count);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
