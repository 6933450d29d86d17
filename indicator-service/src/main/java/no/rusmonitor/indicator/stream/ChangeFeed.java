package no.rusmonitor.indicator.stream;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentNavigableMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import no.rusmonitor.indicator.values.ValueView;

/**
 * The change log as a live feed. One reader per instance follows {@code value_change} (at once when this
 * instance committed changes, and on a short poll for other instances) and keeps the newest changes in
 * a window in memory. Every subscriber has its own cursor (the last event id it was sent) and pulls
 * from that window as fast as its connection takes them, or from the database when it has fallen
 * behind the window. So a slow subscriber never holds up the others or the consumer, a resumed one gets
 * exactly the changes after its Last-Event-ID, and none is sent twice.
 * <p>
 * The change log's sequence follows commit order (writers hold one lock while they take numbers), so
 * "after id N" is well defined.
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final int PAGE = 1000;
    private static final int MIN_PAGE = 64;

    /** What a subscriber gets: a change, (once) a notice that its history is gone, or how far it has read. */
    public record Item(Change change, Reset reset, Progress progress) {

        Item(Change change) {
            this(change, null, null);
        }

        Item(Reset reset) {
            this(null, reset, null);
        }

        Item(Progress progress) {
            this(null, null, progress);
        }
    }

    /**
     * The history after the requested id is no longer kept, or is not the one the id came from (a restore), or the
     * id is unknown: reload, then follow from {@code latestId}.
     */
    public record Reset(String reason, long latestId) {
    }

    /**
     * Every change up to {@code latestId} has been read for this subscriber, and those that passed its filter
     * sent. Its id is where a reconnect resumes: without it, a subscriber whose filter passed nothing for a
     * while would resume from its last matching change, read everything since again, and after the change
     * log's keeping time be told its history is gone.
     */
    public record Progress(long latestId) {
    }

    private final Pool pool;
    private final ObjectMapper mapper;
    private final int windowSize;
    private final Duration keep;
    private final ConcurrentNavigableMap<Long, Change> window = newWindow();
    /** Every change with a sequence number above this is in the window (up to {@link #latest}). */
    private volatile long floor = -1;
    private volatile long latest = -1;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean pending = new AtomicBoolean();
    private final Set<Subscription> subscriptions = ConcurrentHashMap.newKeySet();
    private final AtomicInteger subscribers = new AtomicInteger();

    @Inject
    public ChangeFeed(Pool pool, ObjectMapper mapper, @ConfigProperty(name = "rusmonitor.stream.window", defaultValue = "200") int windowSize,
            @ConfigProperty(name = "rusmonitor.stream.keep-changes", defaultValue = "P7D") Duration keep, MeterRegistry registry) {
        this.pool = pool;
        this.mapper = mapper;
        this.windowSize = windowSize;
        this.keep = keep;
        Gauge.builder("rusmonitor.indicator.stream.subscribers", subscribers, AtomicInteger::get)
                .description("Open live-stream connections").register(registry);
        Gauge.builder("rusmonitor.indicator.stream.latest.id", this, f -> f.latest).description("Newest change id the stream knows")
                .register(registry);
    }

    /** The map the window lives in (a test's lets the window move at the moment a subscriber looks into it). */
    ConcurrentNavigableMap<Long, Change> newWindow() {
        return new ConcurrentSkipListMap<>();
    }

    /** Where subscribers are served after a commit (a test's feed serves them at once). */
    void fanOut(Runnable drain) {
        Infrastructure.getDefaultExecutor().execute(drain);
    }

    public int subscribers() {
        return subscribers.get();
    }

    /** Asks for a read of the change log soon; cheap, never blocks. */
    public void wakeUp() {
        pending.set(true);
        if (running.compareAndSet(false, true)) {
            read();
        }
    }

    @Scheduled(every = "${rusmonitor.stream.poll-interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void poll() {
        wakeUp();
    }

    /** Once a heartbeat interval, each subscriber that read past its last event is sent how far it has read. */
    @Scheduled(every = "${rusmonitor.stream.heartbeat:15s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reportProgress() {
        subscriptions.forEach(Subscription::reportProgress);
    }

    /**
     * Entries up to the newest one older than {@code keep}, but none the outbox relay has yet to send to Kafka
     * (events/ChangeLogOutbox). Always a first part of the log, by sequence: an entry's time is its job's start,
     * and a job that waited for another instance's can have the later sequence and the earlier time, so purging
     * by time alone could leave a hole that a resuming subscriber would pass without being told.
     * <p>
     * The newest entry is always kept, however old: it is where the log ends. Weeks without a submission are
     * common outside the survey's season, and with the log empty an instance started then would take the stream
     * to begin at 0, and tell every subscriber resuming from a real id that it does not know it.
     */
    @Scheduled(every = "1h", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> purge() {
        return pool.preparedQuery("delete from value_change where seq <= (select max(seq) from value_change "
                + "where created_at < now() - make_interval(secs => $1)) and seq <= (select seq from relay_position) "
                + "and seq < (select max(seq) from value_change)")
                .execute(Tuple.of(keep.toSeconds())).replaceWithVoid();
    }

    private void read() {
        pending.set(false);
        // Subscribers that resumed before the first read waited for the window to know where the log ends.
        boolean first = latest < 0;
        Uni<Long> start = latest >= 0 ? Uni.createFrom().item(latest)
                : bounds().map(Bounds::end)
                        .invoke(max -> {
                            if (latest < 0) {
                                floor = max;
                                latest = max;
                            }
                        });
        start.flatMap(after -> page(after, PAGE, StreamFilter.ALL)).subscribe().with(page -> {
            List<Change> changes = page.matching();
            append(changes, false);
            if (!changes.isEmpty() || first) {
                subscriptions.forEach(Subscription::drain);
            }
            if (changes.size() == PAGE || pending.get()) {
                read();
            } else {
                running.set(false);
                if (pending.get() && running.compareAndSet(false, true)) {
                    read();
                }
            }
        }, failure -> {
            running.set(false);
            LOG.debugf("Could not read the change log, the poll will retry: %s", failure.getMessage());
        });
    }

    /**
     * Changes this instance has just committed, handed over by the engine so that they reach the
     * subscribers without a read of the change log. Taken only when they follow on from the newest change
     * known; otherwise (another instance wrote in between, or a failed transaction left a gap in the
     * sequence) the change log is read instead.
     */
    public void committed(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        if (append(changes, true)) {
            // Called on the engine's thread, which takes the next job only when this returns: the subscribers
            // are served elsewhere, so however many there are, they never hold up the submissions.
            fanOut(() -> subscriptions.forEach(Subscription::drain));
        } else {
            wakeUp();
        }
    }

    /**
     * Adds changes in sequence order to the window; those already in it are skipped. A read of the
     * change log is complete, so it may leave gaps (numbers never committed); a hand-over must follow
     * on from {@link #latest} exactly. Returns whether the changes were taken; the caller then lets the
     * subscribers drain (outside this lock).
     */
    private synchronized boolean append(List<Change> changes, boolean mustFollowOn) {
        if (mustFollowOn && (latest < 0 || changes.get(0).seq() != latest + 1)) {
            return false;
        }
        for (Change change : changes) {
            if (change.seq() > latest) {
                window.put(change.seq(), change);
                latest = change.seq();
            }
        }
        while (window.size() > windowSize) {
            // The floor moves before the entry goes, so that a subscriber that looked past the floor and then
            // found the entry missing sees the new floor when it checks again (Subscription.pump).
            long first = window.firstKey();
            floor = first;
            window.remove(first);
        }
        return true;
    }

    /**
     * The lowest and highest sequence numbers in the change log (0 and 0 when it is empty), and the first number of
     * its history since it was restarted after a restore (0 if never: V8, {@code restart_change_log_after_restore}).
     */
    record Bounds(long oldest, long newest, long historyBegins) {

        /** Where the log ends: its newest change, or just before the restarted history's first while it has none. */
        long end() {
            return Math.max(newest, historyBegins - 1);
        }

        /** Whether {@code id} was given out before the log was restarted, for a history that is lost. */
        boolean beforeTheRestart(long id) {
            return id < historyBegins - 1;
        }
    }

    Uni<Bounds> bounds() {
        return pool.query("select coalesce(min(seq), 0), coalesce(max(seq), 0), "
                + "coalesce((select begins_at from change_log_history where id = 1), 0) from value_change").execute().map(rows -> {
                    Row row = rows.iterator().next();
                    return new Bounds(row.getLong(0), row.getLong(1), row.getLong(2));
                });
    }

    /**
     * Changes after {@code after}, in order, from the database: of the next {@code limit}, those {@code filter} lets
     * through, and the number of the last one read (-1 when there was none).
     */
    Uni<Page> page(long after, int limit, StreamFilter filter) {
        // Matched on the row's columns first, then decoded on a worker: a page is up to a thousand JSON documents
        // read and written again, for each subscriber behind the window, and the event loop that answers also
        // serves the API and the stream.
        return pool.preparedQuery("select seq, indicator_id, goal, level, area_code, borders, year, payload::text as payload from value_change "
                + "where seq > $1 order by seq limit $2").execute(Tuple.of(after, limit)).emitOn(Infrastructure.getDefaultWorkerPool()).map(rows -> {
                    List<Change> matching = new ArrayList<>();
                    long end = -1;
                    for (Row row : rows) {
                        end = row.getLong("seq");
                        if (filter.matchesRow(row.getString("indicator_id"), row.getString("goal"), row.getString("area_code"),
                                row.getString("level"), row.getString("borders"), row.getInteger("year"))) {
                            matching.add(change(row));
                        }
                    }
                    return new Page(matching, end);
                });
    }

    private Change change(Row row) {
        try {
            return Change.of(row.getLong("seq"), mapper.readValue(row.getString("payload"), ValueView.class), mapper);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The changes for one subscriber: those after {@code lastEventId} (null: from now on) that pass the
     * filter, and then every new one, for as long as the subscriber stays.
     */
    public Multi<Item> subscribe(StreamFilter filter, Long lastEventId) {
        return Multi.createFrom().<Item>emitter(emitter -> {
            subscribers.incrementAndGet();
            start(lastEventId).subscribe().with(begin -> {
                Subscription subscription = new Subscription(filter, begin.cursor(), lastEventId == null ? -1 : lastEventId, emitter);
                // A subscriber starting from now is told at once where it starts: its first resume point, and for a
                // dashboard the moment after which a load through the REST API misses nothing the stream will not bring.
                subscription.progressDue = lastEventId == null;
                if (begin.reset() != null) {
                    subscription.backlog.add(new Item(begin.reset()));
                }
                subscriptions.add(subscription);
                emitter.onTermination(() -> {
                    subscriptions.remove(subscription);
                    subscribers.decrementAndGet();
                });
                emitter.onRequest(n -> subscription.drain());
                subscription.drain();
            }, failure -> {
                subscribers.decrementAndGet();
                emitter.fail(failure);
            });
        });
    }

    private record Begin(long cursor, Reset reset) {
    }

    private Uni<Begin> start(Long lastEventId) {
        return bounds().map(bounds -> {
            long oldest = bounds.oldest();
            long newest = Math.max(bounds.end(), latest);
            if (lastEventId == null) {
                return new Begin(newest, null);
            }
            if (lastEventId > newest) {
                return new Begin(newest, new Reset("unknown_id", newest));
            }
            if (bounds.beforeTheRestart(lastEventId)) {
                return new Begin(newest, new Reset("history_restored", newest));
            }
            if (oldest > 0 && lastEventId < oldest - 1) {
                return new Begin(newest, new Reset("history_expired", newest));
            }
            return new Begin(lastEventId, null);
        });
    }

    /**
     * A page read from the change log: the changes that pass a filter, and the last sequence number read (-1 for
     * none). For a subscriber it arrives on whatever thread the read completed on, and is taken over only by the
     * drain that holds the guard, so that the backlog, the page's end and the cursor change in one thread at a time.
     */
    record Page(List<Change> matching, long end) {
    }

    /** One subscriber's position and what it still has to be sent. */
    private final class Subscription {

        private final StreamFilter filter;
        private final MultiEmitter<? super Item> emitter;
        private final Deque<Item> backlog = new java.util.concurrent.ConcurrentLinkedDeque<>();
        private final AtomicBoolean draining = new AtomicBoolean();
        private final AtomicReference<Page> arrived = new AtomicReference<>();
        private volatile boolean again;
        private volatile long cursor;
        private volatile boolean fetching;
        private volatile boolean progressDue;
        /** The id of the last event sent (-1 for none): the subscriber resumes from there. */
        private long sentUpTo;
        /** The last change of the page taken over: the cursor moves there once the backlog is sent. */
        private long pageEnd;

        Subscription(StreamFilter filter, long cursor, long sentUpTo, MultiEmitter<? super Item> emitter) {
            this.filter = filter;
            this.cursor = cursor;
            this.sentUpTo = sentUpTo;
            this.emitter = emitter;
        }

        void reportProgress() {
            progressDue = true;
            drain();
        }

        void drain() {
            again = true;
            while (again && draining.compareAndSet(false, true)) {
                again = false;
                try {
                    pump();
                } catch (RuntimeException e) {
                    emitter.fail(e);
                } finally {
                    draining.set(false);
                }
            }
        }

        /** Sends what the subscriber has asked for, from the backlog, the window or (behind it) the database. */
        private void pump() {
            while (!emitter.isCancelled() && emitter.requested() > 0) {
                Page page = arrived.getAndSet(null);
                if (page != null) {
                    take(page);
                }
                Item next = backlog.poll();
                if (next != null) {
                    if (next.change() != null) {
                        if (next.change().seq() <= cursor) {
                            continue; // sent already: the cursor only moves forward
                        }
                        cursor = next.change().seq();
                        sentUpTo = cursor;
                    } else {
                        sentUpTo = next.reset().latestId();
                    }
                    emitter.emit(next);
                    continue;
                }
                if (pageEnd > cursor) {
                    cursor = pageEnd; // what the page held after the last change sent, none of it for this subscriber
                    continue;
                }
                // Here every change up to the cursor has been read, and those for this subscriber sent. A report
                // asked for waits until the cursor has passed the last event sent.
                if (progressDue && cursor > sentUpTo) {
                    progressDue = false;
                    sentUpTo = cursor;
                    emitter.emit(new Item(new Progress(cursor)));
                    continue;
                }
                if (cursor >= latest) {
                    return;
                }
                if (cursor >= floor) {
                    Map.Entry<Long, Change> entry = window.higherEntry(cursor);
                    if (floor > cursor) {
                        continue; // the window moved on meanwhile: what follows the cursor may be gone from it
                    }
                    if (entry == null) {
                        return;
                    }
                    cursor = entry.getKey();
                    if (filter.matches(entry.getValue())) {
                        sentUpTo = cursor;
                        emitter.emit(new Item(entry.getValue()));
                    }
                    continue;
                }
                if (!fetching) {
                    fetching = true;
                    // No more than the subscriber asked for, and only what passes its filter is kept: a subscriber
                    // behind the window holds at most one page, and a slow one a small one.
                    int size = (int) Math.min(PAGE, Math.max(MIN_PAGE, emitter.requested()));
                    page(cursor, size, filter).subscribe().with(read -> {
                        arrived.set(read);
                        drain();
                    }, failure -> emitter.fail(failure));
                }
                return;
            }
        }

        /** Takes a page over (in the drain): a fetch runs only while the cursor is behind the window, and stays there. */
        private void take(Page page) {
            page.matching().forEach(c -> backlog.add(new Item(c)));
            if (page.end() >= 0) {
                pageEnd = page.end();
            } else if (cursor < floor) {
                // What lies between the cursor and the window was committed, so the change log held it: it has
                // been purged since. The subscriber must reload, as on resuming too late.
                long now = latest;
                cursor = now;
                backlog.add(new Item(new Reset("history_expired", now)));
            }
            fetching = false;
        }
    }
}
