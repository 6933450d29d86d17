package no.rusmonitor.platform.problem;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * A body announced larger than the limit of its path is refused before it is read, with the same problem+json
 * form as every other 4xx. The limit is {@code quarkus.http.limits.max-body-size}, which Quarkus enforces itself
 * (with an empty body; this runs first), unless {@code rusmonitor.http.max-body-size} sets a smaller one for
 * every path but those under {@code rusmonitor.http.large-bodies-under}: survey-service takes megabytes in an
 * import, but a few kilobytes of answers anywhere else, and a body of megabytes of answers would only fill the
 * heap (parsed, a JSON object takes about ten times its size).
 * <p>
 * A body without a Content-Length (chunked) meets Quarkus' limit as it is read; on a path with the smaller one it
 * could not be measured before it is, so it is refused (411), and a client sends its length.
 */
@ApplicationScoped
public class OversizedBodyHandler {

    private final long largest;
    private final long usual;
    private final List<String> largeBodiesUnder;

    @Inject
    public OversizedBodyHandler(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize largest,
            @ConfigProperty(name = "rusmonitor.http.max-body-size") Optional<MemorySize> usual,
            @ConfigProperty(name = "rusmonitor.http.large-bodies-under") Optional<List<String>> largeBodiesUnder) {
        this.largest = largest.asLongValue();
        this.usual = Math.min(this.largest, usual.map(MemorySize::asLongValue).orElse(this.largest));
        this.largeBodiesUnder = largeBodiesUnder.orElse(List.of());
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            long limit = limitFor(context.normalizedPath());
            String length = context.request().getHeader("Content-Length");
            if (length != null && exceeds(length, limit)) {
                refuse(context, Problem.of(413, "payload-too-large", "Payload too large",
                        "The body is larger than the " + limit + " bytes this service accepts here."));
            } else if (length == null && limit < largest && chunked(context.request().getHeader("Transfer-Encoding"))) {
                refuse(context, Problem.of(411, "length-required", "Length required",
                        "A body here says its length (Content-Length), of at most " + limit + " bytes."));
            } else {
                context.next();
            }
        });
    }

    private long limitFor(String path) {
        if (path != null) {
            for (String prefix : largeBodiesUnder) {
                if (path.equals(prefix) || path.startsWith(prefix.endsWith("/") ? prefix : prefix + "/")) {
                    return largest;
                }
            }
        }
        return usual;
    }

    /** Answered and the connection closed: the body that follows is never read. */
    private static void refuse(RoutingContext context, Problem problem) {
        context.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE)
                .putHeader("Connection", "close").end(Json.encode(problem.withInstance(context.normalizedPath())))
                .onComplete(done -> context.request().connection().close());
    }

    private static boolean chunked(String transferEncoding) {
        return transferEncoding != null && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked");
    }

    private static boolean exceeds(String length, long limit) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer refuses a malformed Content-Length itself
        }
    }
}
