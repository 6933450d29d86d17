package no.rusmonitor.platform.outbox;

/**
 * What became of one event the relay sent: acknowledged by Kafka, refused for good (with the reason, see
 * {@link KafkaRefusal}), or failed for now (Kafka away, say), in which case it is sent again later.
 */
record Delivery(boolean acknowledged, String refusal) {

    static final Delivery ACKNOWLEDGED = new Delivery(true, null);
    static final Delivery FAILED = new Delivery(false, null);

    static Delivery refused(String reason) {
        return new Delivery(false, reason);
    }

    boolean refused() {
        return refusal != null;
    }

    /** Acknowledged or refused for good: either way the event leaves the queue, and its key's next event may go. */
    boolean settled() {
        return acknowledged || refused();
    }
}
