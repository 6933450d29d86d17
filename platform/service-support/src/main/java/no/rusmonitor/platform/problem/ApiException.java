package no.rusmonitor.platform.problem;

import java.util.List;

/**
 * A refusal the client can act on. Carries the problem to answer with; its message is never shown
 * to anyone but the log.
 */
public class ApiException extends RuntimeException {

    private final transient Problem problem;
    private final Integer retryAfterSeconds;

    public ApiException(Problem problem) {
        this(problem, null);
    }

    /** A refusal that passes: the answer says, in Retry-After, when to send the request again. */
    public ApiException(Problem problem, Integer retryAfterSeconds) {
        super(problem.title() + ": " + problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    /** Seconds for the Retry-After header, or null for none. */
    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ApiException notFound(String detail) {
        return new ApiException(Problem.of(404, "not-found", "Not found", detail));
    }

    public static ApiException badRequest(String slug, String detail, List<Issue> errors) {
        return new ApiException(Problem.of(400, slug, "Bad request", detail).withIssues(errors, List.of()));
    }

    public static ApiException unprocessable(String slug, String title, String detail, List<Issue> errors, List<Issue> warnings) {
        return new ApiException(Problem.of(422, slug, title, detail).withIssues(errors, warnings));
    }

    public static ApiException conflict(String slug, String detail) {
        return new ApiException(Problem.of(409, slug, "Conflict", detail));
    }

    public static ApiException forbidden(String detail) {
        return new ApiException(Problem.of(403, "forbidden", "Forbidden", detail));
    }

    public static ApiException preconditionFailed(String detail) {
        return new ApiException(Problem.of(412, "precondition-failed", "Precondition failed", detail));
    }

    public static ApiException preconditionRequired(String detail) {
        return new ApiException(Problem.of(428, "precondition-required", "Precondition required", detail));
    }
}
