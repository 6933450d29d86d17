package no.rusmonitor.indicator.consumer;

/** A record that cannot be taken in as a submission event; it goes to the dead-letter topic with this reason. */
public class MalformedEvent extends Exception {

    public MalformedEvent(String reason) {
        super(reason, null, false, false);
    }
}
