package no.rusmonitor.indicator.values;

import java.time.Instant;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is reading, as far as suppression is concerned: analysts see raw values, everyone else (no
 * token, or a token without the analyst role) the public view. Set for every request by
 * {@link ViewerFilter} from the verified token.
 */
@RequestScoped
public class Viewer {

    private boolean analyst;
    private Instant rawUntil;

    public boolean isAnalyst() {
        return analyst;
    }

    /** When the analyst's token expires, and with it the right to raw values; null for the public. */
    public Instant rawUntil() {
        return rawUntil;
    }

    void setAnalyst(boolean analyst, Instant until) {
        this.analyst = analyst;
        this.rawUntil = analyst ? until : null;
    }
}
