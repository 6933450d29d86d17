package no.rusmonitor.report.readmodel;

/** A record on the indicator topic that cannot be read as an indicator event; it goes to the dead-letter topic. */
public class PoisonEvent extends Exception {

    public PoisonEvent(String reason) {
        super(reason, null, false, false);
    }
}
