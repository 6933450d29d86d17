package no.rusmonitor.tools;

import java.util.ArrayList;
import java.util.List;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

/** What the demo loader and the load generators read from the services' problem+json answers. */
public final class Problems {

    private Problems() {
    }

    /** The last part of a problem's type, such as {@code warnings-not-acknowledged}; "" when the body is not a problem. */
    public static String slug(HttpResponse<Buffer> response) {
        JsonObject body;
        try {
            body = response.bodyAsJsonObject();
        } catch (DecodeException e) {
            return "";
        }
        String type = body == null ? "" : body.getString("type", "");
        return type.substring(type.lastIndexOf('/') + 1);
    }

    /**
     * The pointers of the warnings a refused submission asks the municipality to confirm (for example a
     * large change from last year's answer); empty for any other answer.
     */
    public static List<String> warningsToConfirm(HttpResponse<Buffer> response) {
        // No response at all (the connection failed) asks nothing to be confirmed either; the caller counts it as failed.
        if (response == null || response.statusCode() != 422 || !"warnings-not-acknowledged".equals(slug(response))) {
            return List.of();
        }
        List<String> pointers = new ArrayList<>();
        response.bodyAsJsonObject().getJsonArray("warnings").forEach(w -> pointers.add(((JsonObject) w).getString("pointer")));
        return pointers;
    }
}
