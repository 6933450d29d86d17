package no.rusmonitor.platform.problem;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} is refused before it is read,
 * with the same problem+json form as every other 4xx. (Quarkus would refuse it too, with an empty body;
 * this runs first. A chunked body without Content-Length still meets Quarkus' own limit.)
 */
@ApplicationScoped
public class OversizedBodyHandler {

    private final long limit;

    @Inject
    public OversizedBodyHandler(@ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader("Content-Length");
            if (length != null && exceeds(length)) {
                Problem problem = Problem.of(413, "payload-too-large", "Payload too large",
                        "The body is larger than the " + limit + " bytes this service accepts.").withInstance(context.normalizedPath());
                context.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE)
                        .putHeader("Connection", "close").end(Json.encode(problem))
                        .onComplete(done -> context.request().connection().close());
                return;
            }
            context.next();
        });
    }

    private boolean exceeds(String length) {
        try {
            return Long.parseLong(length.trim()) > limit;
        } catch (NumberFormatException e) {
            return false; // the HTTP layer refuses a malformed Content-Length itself
        }
    }
}
