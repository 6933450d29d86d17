package no.rusmonitor.indicator.consumer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;

import io.smallrye.mutiny.Uni;

/**
 * At most so many records handed to the engine and not yet finished. The consumer waits for a place
 * before it takes the next record of a partition, so a backlog is taken in as fast as the engine can
 * batch it, but never faster than memory allows.
 */
final class InFlightLimit {

    private final int max;
    private final Deque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
    private int taken;

    InFlightLimit(int max) {
        if (max < 1) {
            throw new IllegalArgumentException("the in-flight limit must be at least 1, was " + max);
        }
        this.max = max;
    }

    /** Completes when a place is free, and takes it; each place taken must be given back with {@link #release()}. */
    Uni<Void> acquire() {
        CompletableFuture<Void> place;
        synchronized (this) {
            if (taken < max) {
                taken++;
                return Uni.createFrom().voidItem();
            }
            place = new CompletableFuture<>();
            waiting.add(place);
        }
        return Uni.createFrom().completionStage(place);
    }

    /** Gives a place back: to the longest waiting, if any. */
    void release() {
        CompletableFuture<Void> next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                taken--;
                return;
            }
        }
        // The place passes on without being counted free in between; completed outside the lock.
        next.complete(null);
    }

    synchronized int taken() {
        return taken;
    }
}
