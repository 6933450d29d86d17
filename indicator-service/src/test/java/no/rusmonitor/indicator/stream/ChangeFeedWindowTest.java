package no.rusmonitor.indicator.stream;

import static no.rusmonitor.indicator.stream.InMemoryChangeFeed.change;
import static no.rusmonitor.indicator.stream.InMemoryChangeFeed.oslo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * The feed's window moving under its subscribers, as it does while the engine commits: each subscriber must
 * get every change exactly once and in order, from the window or, once the window has moved past it, from the
 * change log. A subscriber that found itself inside the window may find the changes after its cursor gone a
 * moment later; the first test makes that happen at exactly that moment, the second lets it happen as it
 * will, with subscribers reading from threads of their own. The change log is a map in memory here
 * (InMemoryChangeFeed; StreamIT and StreamBehindWindowIT run the feed on PostgreSQL).
 */
class ChangeFeedWindowTest {

    private static final int CHANGES = 200_000;
    private static final int SUBSCRIBERS = 4;

    @Test
    void aFilteredSubscriberFarBehindTheWindowGetsOnlyItsChangesAndFollowsOn() {
        InMemoryChangeFeed feed = new InMemoryChangeFeed(2);
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
        InMemoryChangeFeed feed = new InMemoryChangeFeed(2);
        feed.wakeUp();
        AssertSubscriber<ChangeFeed.Item> subscriber = feed.subscribe(StreamFilter.ALL, 0L).subscribe().withSubscriber(AssertSubscriber.create());
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
        InMemoryChangeFeed feed = new InMemoryChangeFeed(2);
        LongStream.rangeClosed(1, 5).forEach(seq -> feed.log.put(seq, change(seq))); // committed before this instance started
        // A dashboard reconnects as the service starts, before the feed has read where the log ends.
        AssertSubscriber<ChangeFeed.Item> subscriber = feed.subscribe(StreamFilter.ALL, 2L).subscribe().withSubscriber(AssertSubscriber.create(10));
        assertEquals(List.of(), subscriber.getItems());

        feed.wakeUp(); // the first read; no change follows it

        assertEquals(List.of(3L, 4L, 5L), subscriber.getItems().stream().map(item -> item.change().seq()).toList());
    }

    @Test
    void everySubscriberGetsEveryChangeOnceInOrderWhileTheWindowMovesUnderIt() throws Exception {
        everySubscriberGetsEveryChangeOnceInOrder(new InMemoryChangeFeed(1));
    }

    /**
     * As in the service: reads of the log complete on other threads, and commits reach the subscribers from
     * workers, so a page can arrive while the subscriber is being served from the window.
     */
    @Test
    void everySubscriberGetsEveryChangeOnceInOrderWhenPagesArriveOnOtherThreads() throws Exception {
        ExecutorService elsewhere = Executors.newFixedThreadPool(4);
        try {
            everySubscriberGetsEveryChangeOnceInOrder(new InMemoryChangeFeed(1, elsewhere));
        } finally {
            elsewhere.shutdownNow();
        }
    }

    private static void everySubscriberGetsEveryChangeOnceInOrder(InMemoryChangeFeed feed) throws Exception {
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
                        if (item.progress() != null) {
                            continue; // where it starts, told at once
                        }
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
