package no.rusmonitor.platform.problem;

import java.io.CharConversionException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Turns every failure into an RFC 9457 answer. Client mistakes get a 4xx naming the field; anything
 * else gets a bare 500 with an id to quote, and the details go to the log only.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response api(ApiException e, UriInfo uri) {
        Response response = respond(e.problem(), uri);
        return e.retryAfterSeconds() == null ? response
                : Response.fromResponse(response).header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds().toString()).build();
    }

    @ServerExceptionMapper
    public Response beanValidation(ConstraintViolationException e, UriInfo uri) {
        List<Issue> errors = new ArrayList<>();
        for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
            errors.add(Issue.error(pointerOf(violation.getPropertyPath()), "invalid", violation.getMessage()));
        }
        errors.sort(java.util.Comparator.comparing(Issue::pointer));
        return respond(Problem.of(400, "invalid-request", "Invalid request",
                "The request has " + errors.size() + " invalid field(s).").withIssues(errors, List.of()), uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return body(e, uri);
    }

    /** Named explicitly: Quarkus has its own mappers for these, which answer in plain JSON. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return body(e, uri);
    }

    @ServerExceptionMapper
    public Response syntax(JsonParseException e, UriInfo uri) {
        return body(e, uri);
    }

    @ServerExceptionMapper
    public Response unauthenticated(UnauthorizedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response badCredentials(AuthenticationFailedException e, UriInfo uri) {
        return unauthorized(uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(Problem.of(403, "forbidden", "Forbidden", "Your token does not allow this."), uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        // The JSON reader wraps what Jackson found wrong with the body; answer about the body.
        for (Throwable cause : Failures.chain(e)) {
            if (cause instanceof JsonProcessingException json) {
                return body(json, uri);
            }
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        Response.StatusType type = e.getResponse().getStatusInfo();
        Response.ResponseBuilder response = Response.fromResponse(problemResponse(
                Problem.of(status, slug(type.getReasonPhrase()), type.getReasonPhrase(), describe(status)).withInstance(uri.getPath())));
        String allow = e.getResponse().getHeaderString(HttpHeaders.ALLOW);
        return allow == null ? response.build() : response.header(HttpHeaders.ALLOW, allow).build();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (ConcurrentChange.isCause(e)) {
            // Answered as a race, to be retried; logged, so that a conflict that comes every time (a bug) shows.
            LOG.infof("Concurrent change on %s: %s", uri.getPath(), e.toString());
            return respond(ConcurrentChange.toProblem().problem(), uri);
        }
        if (Failures.chain(e).stream().anyMatch(CharConversionException.class::isInstance)) {
            // Jackson's reader for a body it took for UTF-32 met a code point beyond Unicode. Quarkus passes it on as
            // it is, an IOException, which would otherwise be answered as the database away.
            return respond(Problem.of(400, "malformed-body", "Malformed body", "The body is not well-formed JSON in UTF-8."), uri);
        }
        String errorId = UUID.randomUUID().toString();
        if (Failures.isRefusedValue(e)) {
            // A value validation let through and PostgreSQL cannot store: the request's, so a 4xx, and nothing was
            // stored (the transaction failed). Logged, since validation should have named the field.
            LOG.warnf(e, "Value refused by the database %s on %s", errorId, uri.getPath());
            return respond(Problem.of(400, "invalid-value", "Invalid value",
                    "The request holds a value the database cannot hold (a control character, a text too long, a number or date out "
                            + "of range); nothing was changed. Quote the error id if it looks right to you.").withErrorId(errorId), uri);
        }
        if (Failures.isTransient(e)) {
            // The database or the broker is away: nothing was done, and the same request will work shortly.
            LOG.warnf("Unavailable %s on %s: %s", errorId, uri.getPath(), e.toString());
            return Response.fromResponse(respond(Problem.of(503, "unavailable", "Service unavailable",
                    "The service cannot reach its database or message broker just now; nothing was changed. Try again shortly.").withErrorId(errorId), uri))
                    .header(HttpHeaders.RETRY_AFTER, "5").build();
        }
        LOG.errorf(e, "Unexpected failure %s on %s", errorId, uri.getPath());
        return respond(Problem.of(500, "internal-error", "Internal error",
                "Something went wrong on our side. Quote the error id if you contact us.").withErrorId(errorId), uri);
    }

    /**
     * What was wrong with a JSON body. Jackson wraps a syntax error met inside a nested value in a
     * mapping exception, so the causes decide: broken syntax first, then an unknown field, then a value
     * of the wrong type or form at a pointer.
     */
    private static Response body(JsonProcessingException e, UriInfo uri) {
        Optional<ApiException> duplicate = duplicateField(e);
        if (duplicate.isPresent()) {
            return respond(duplicate.get().problem(), uri);
        }
        for (Throwable cause : Failures.chain(e)) {
            if (cause instanceof JsonParseException parse) {
                String where = parse.getLocation() == null ? "" : " (line " + parse.getLocation().getLineNr()
                        + ", column " + parse.getLocation().getColumnNr() + ")";
                return respond(Problem.of(400, "malformed-body", "Malformed body",
                        "The body is not well-formed JSON in UTF-8" + where + "."), uri);
            }
        }
        if (e instanceof UnrecognizedPropertyException unknown) {
            return respond(Problem.of(400, "unknown-field", "Unknown field", "The body has a field this endpoint does not know.")
                    .withIssues(List.of(Issue.error(pointerOf(unknown), "unknown_field",
                            "Unknown field '" + Issue.quote(unknown.getPropertyName()) + "'.")), List.of()), uri);
        }
        if (e instanceof JsonMappingException mapping) {
            String pointer = pointerOf(mapping);
            if (mapping.getPath().isEmpty() && mapping.getMessage() != null && mapping.getMessage().startsWith("No content")) {
                return respond(Problem.of(400, "malformed-body", "Malformed body", "The body is empty; JSON is expected."), uri);
            }
            if (mapping.getPath().isEmpty() && mapping.getMessage() != null && mapping.getMessage().startsWith("Trailing token")) {
                return respond(Problem.of(400, "malformed-body", "Malformed body", "The body has more after its JSON value."), uri);
            }
            return respond(Problem.of(400, "invalid-request", "Invalid request", "A field has the wrong type or form.")
                    .withIssues(List.of(Issue.error(pointer, "wrong_type", "This field has the wrong type or form.")), List.of()), uri);
        }
        return respond(Problem.of(400, "malformed-body", "Malformed body", "The body could not be read as JSON."), uri);
    }

    /** The 400 naming the field a JSON body gives twice (StrictJson refuses it), when that is what {@code failure} is. */
    public static Optional<ApiException> duplicateField(Throwable failure) {
        for (Throwable cause : Failures.chain(failure)) {
            if (cause instanceof JsonParseException parse && parse.getProcessor() != null
                    && parse.getOriginalMessage() != null && parse.getOriginalMessage().startsWith("Duplicate field")) {
                // The parser stands at the second one: its path is the field's.
                return Optional.of(ApiException.badRequest("duplicate-field", "The body names a field twice.",
                        List.of(Issue.error(parse.getProcessor().getParsingContext().pathAsPointer().toString(), "duplicate_field",
                                "This field is given more than once."))));
            }
        }
        return Optional.empty();
    }

    private static Response unauthorized(UriInfo uri) {
        return Response.fromResponse(problemResponse(Problem.of(401, "unauthorized", "Unauthorized",
                "A valid bearer token is required.").withInstance(uri.getPath())))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response respond(Problem problem, UriInfo uri) {
        return problemResponse(problem.withInstance(uri.getPath()));
    }

    public static Response problemResponse(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    private static String describe(int status) {
        return switch (status) {
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not accept that method.";
            case 406 -> "This address cannot answer in the media type you asked for.";
            case 413 -> "The body is larger than this service accepts.";
            case 415 -> "This address does not accept a body of that media type.";
            default -> "The request could not be handled.";
        };
    }

    private static String slug(String phrase) {
        return phrase == null ? "client-error" : phrase.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    /**
     * A violation on {@code submit(request).answers} points at {@code /answers}: the method and the body
     * parameter (named {@code request} by convention) are not part of the pointer; other parameters
     * (path and query) are named by themselves.
     */
    static String pointerOf(Path path) {
        StringBuilder pointer = new StringBuilder();
        for (Path.Node node : path) {
            switch (node.getKind()) {
                case METHOD, RETURN_VALUE, CROSS_PARAMETER -> {
                }
                case PARAMETER -> {
                    if (!"request".equals(node.getName())) {
                        pointer.append('/').append(Issue.token(node.getName()));
                    }
                }
                default -> {
                    if (node.getIndex() != null) {
                        pointer.append('/').append(node.getIndex());
                    } else if (node.getKey() != null) {
                        pointer.append('/').append(Issue.token(String.valueOf(node.getKey())));
                    }
                    if (node.getName() != null && !node.getName().startsWith("<")) {
                        pointer.append('/').append(Issue.token(node.getName()));
                    }
                }
            }
        }
        return pointer.toString();
    }

    private static String pointerOf(JsonMappingException e) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            pointer.append('/').append(ref.getFieldName() != null ? Issue.token(ref.getFieldName()) : String.valueOf(ref.getIndex()));
        }
        return pointer.toString();
    }
}
