package no.rusmonitor.indicator.values;

import jakarta.enterprise.context.RequestScoped;

/**
 * Who is reading, as far as suppression is concerned: analysts see raw values, everyone else (no
 * token, or a token without the analyst role) the public view. Set for every request by
 * {@link ViewerFilter} from the verified token.
 */
@RequestScoped
public class Viewer {

    private boolean analyst;

    public boolean isAnalyst() {
        return analyst;
    }

    void setAnalyst(boolean analyst) {
        this.analyst = analyst;
    }
}
