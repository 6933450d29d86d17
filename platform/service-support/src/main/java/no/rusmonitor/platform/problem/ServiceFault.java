package no.rusmonitor.platform.problem;

/**
 * The service cannot do its work as it stands, whatever it is given: its own stored data is unusable (a stored
 * definition this build cannot compile, say). Consumers wait such a failure out instead of dead-lettering the
 * event they were applying ({@link Failures#isServiceFault}); it needs an operator, and every event would fail alike.
 */
public class ServiceFault extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public ServiceFault(String message, Throwable cause) {
        super(message, cause);
    }
}
