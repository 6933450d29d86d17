package no.rusmonitor.indicator.stream;

import static no.rusmonitor.indicator.stream.InMemoryChangeFeed.change;
import static no.rusmonitor.indicator.stream.InMemoryChangeFeed.oslo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.AssertSubscriber;

/**
 * Progress reports: a subscriber whose filter lets nothing through for a while is told, once per heartbeat,
 * how far the feed has read for it, so that its resume point follows the change log and not only its own
 * changes.
 */
class ChangeFeedProgressTest {

    private static final StreamFilter OSLO_ONLY = new StreamFilter(Set.of(), Set.of(), Set.of("0301"), Set.of(), Set.of(), Set.of());

    /** What the subscriber was sent: a change as its sequence number, a progress report as "progress N". */
    private static List<String> sent(AssertSubscriber<ChangeFeed.Item> subscriber) {
        return subscriber.getItems().stream().map(item -> item.change() != null ? Long.toString(item.change().seq())
                : item.progress() != null ? "progress " + item.progress().latestId() : "reset").toList();
    }

    @Test
    void aFilteredSubscriberIsToldHowFarItHasReadWhenNothingPassedItsFilter() {
        InMemoryChangeFeed feed = new InMemoryChangeFeed(200);
        feed.wakeUp();
        AssertSubscriber<ChangeFeed.Item> subscriber = feed.subscribe(OSLO_ONLY, 0L).subscribe().withSubscriber(AssertSubscriber.create(100));

        feed.commit(oslo(1));
        LongStream.rangeClosed(2, 5).forEach(feed::commit); // the country's: not for this subscriber
        assertEquals(List.of("1"), sent(subscriber), "nothing is reported between heartbeats");

        feed.reportProgress();
        assertEquals(List.of("1", "progress 5"), sent(subscriber));

        feed.reportProgress();
        assertEquals(List.of("1", "progress 5"), sent(subscriber), "nothing read since: nothing to report");

        feed.commit(oslo(6));
        assertEquals(List.of("1", "progress 5", "6"), sent(subscriber), "its last event is its resume point already");
        feed.commit(7);
        assertEquals(List.of("1", "progress 5", "6", "progress 7"), sent(subscriber), "the report asked for goes once there is one");
        feed.commit(8);
        assertEquals(List.of("1", "progress 5", "6", "progress 7"), sent(subscriber), "one per heartbeat");
    }

    @Test
    void aReportNeverPassesAChangeTheSubscriberHasYetToBeSent() {
        InMemoryChangeFeed feed = new InMemoryChangeFeed(2);
        LongStream.rangeClosed(1, 300).forEach(seq -> feed.log.put(seq, seq == 150 ? oslo(seq) : change(seq)));
        feed.wakeUp();
        // Far behind the window, it asks for one event at a time, and the heartbeat comes before it has asked.
        AssertSubscriber<ChangeFeed.Item> subscriber = feed.subscribe(OSLO_ONLY, 0L).subscribe().withSubscriber(AssertSubscriber.create(0));
        feed.reportProgress();
        for (int i = 0; i < 5; i++) {
            subscriber.request(1);
        }
        feed.reportProgress();

        List<String> sent = sent(subscriber);
        int oslo = sent.indexOf("150");
        assertTrue(oslo >= 0, "its change: " + sent);
        sent.subList(0, oslo).forEach(report -> assertTrue(Long.parseLong(report.substring("progress ".length())) < 150, "before its change: " + sent));
        assertEquals("progress 300", sent.get(sent.size() - 1), "and then to the log's end: " + sent);
    }

    /** As a dashboard opens: where it starts, before any change, so that what it loads next misses nothing. */
    @Test
    void aSubscriberFromNowIsToldAtOnceWhereItStarts() {
        InMemoryChangeFeed feed = new InMemoryChangeFeed(200);
        LongStream.rangeClosed(1, 3).forEach(seq -> feed.log.put(seq, change(seq)));
        feed.wakeUp();
        AssertSubscriber<ChangeFeed.Item> subscriber = feed.subscribe(OSLO_ONLY, null).subscribe().withSubscriber(AssertSubscriber.create(10));

        assertEquals(List.of("progress 3"), sent(subscriber));
        feed.commit(oslo(4));
        assertEquals(List.of("progress 3", "4"), sent(subscriber));
    }
}
