package no.rusmonitor.report.readmodel;

/** A record one of the consumers cannot read as its event; it goes to that topic's dead-letter topic. */
public class PoisonEvent extends Exception {

    public PoisonEvent(String reason) {
        super(reason, null, false, false);
    }
}
