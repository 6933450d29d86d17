package no.rusmonitor.indicator.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Multi;
import no.rusmonitor.indicator.compute.Borders;
import no.rusmonitor.indicator.compute.Level;
import no.rusmonitor.indicator.values.Viewer;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;
import no.rusmonitor.platform.problem.Problem;
import no.rusmonitor.platform.request.YearParameter;
import no.rusmonitor.reference.MunicipalityCatalogue;

/**
 * The live stream for dashboards: Server-Sent Events, one {@code indicator-changed} event per changed
 * value, with the change's sequence number as event id. Reconnecting with {@code Last-Event-ID} (or
 * {@code lastEventId}) continues right after that id: nothing lost, nothing repeated. A {@code heartbeat}
 * event (without an id, so it moves no resume point) is sent at once and then every heartbeat interval, which it
 * names: a client that hears nothing for longer knows its connection died without closing (a laptop that slept, a
 * proxy that dropped it) and opens a new one. A {@code progress} event carries as its id how far the
 * stream has read: at once for a subscriber without an id (where its stream begins), and then at most once
 * per heartbeat when the filter let nothing through since the last event.
 */
@Path("/api/stream")
@Tag(name = "Live stream")
public class StreamResource {

    static final String CHANGED = "indicator-changed";
    static final String RESET = "reset";
    static final String PROGRESS = "progress";
    static final String HEARTBEAT = "heartbeat";
    /** The reconnection time sent to each client ({@code retry:}): at least this, plus up to the spread. */
    static final long RECONNECT_MIN_MS = 2_000;
    static final long RECONNECT_SPREAD_MS = 3_000;

    private final ChangeFeed feed;
    private final Viewer viewer;
    private final Duration heartbeat;
    private final int maxSubscribers;

    @Inject
    public StreamResource(ChangeFeed feed, Viewer viewer, @ConfigProperty(name = "rusmonitor.stream.heartbeat", defaultValue = "15s") Duration heartbeat,
            @ConfigProperty(name = "rusmonitor.stream.max-subscribers", defaultValue = "5000") int maxSubscribers) {
        this.feed = feed;
        this.viewer = viewer;
        this.heartbeat = heartbeat;
        this.maxSubscribers = maxSubscribers;
    }

    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Operation(summary = "Changed values as they happen (Server-Sent Events)", description = "Filters take comma-separated lists and can be "
            + "repeated; an empty filter lets everything through. Analysts (bearer token) get raw values, everyone else values with "
            + "small numbers suppressed. Event 'indicator-changed' carries the value as JSON; event 'reset' says the history after "
            + "the requested id is gone (reload with the REST API, then follow on); event 'progress' carries as its id how far "
            + "the stream has read: at once for a new subscriber (where its stream begins: load through REST after it), then at most once per "
            + "heartbeat when the filter let no change through since the last event, so that a reconnect resumes from there; event "
            + "'heartbeat' (no id) comes at once and then every interval it names ({\"intervalMillis\":15000}): hearing nothing for "
            + "longer means the connection is dead.")
    public Multi<OutboundSseEvent> stream(@Context Sse sse,
            @Parameter(description = "indicator ids") @QueryParam("indicator") List<String> indicator,
            @Parameter(description = "goals: effort, 1-5, reporting") @QueryParam("goal") List<String> goal,
            @Parameter(description = "area codes (municipality, county, NO)") @QueryParam("area") List<String> area,
            @Parameter(description = "municipality, county, country") @QueryParam("level") List<String> level,
            @Parameter(description = "as_reported, 2024") @QueryParam("borders") List<String> borders,
            @Parameter(description = "years") @QueryParam("year") List<String> year,
            @Parameter(description = "resume after this event id (as the Last-Event-ID header)") @QueryParam("lastEventId") String lastEventIdParam,
            @HeaderParam("Last-Event-ID") String lastEventIdHeader) {
        List<Issue> issues = new ArrayList<>();
        StreamFilter filter = new StreamFilter(values(indicator, "/indicator", s -> s, issues), values(goal, "/goal", StreamResource::goal, issues),
                values(area, "/area", StreamResource::area, issues), values(level, "/level", Level::parse, issues),
                values(borders, "/borders", Borders::parse, issues), values(year, "/year", StreamResource::year, issues));
        Long lastEventId = lastEventId(lastEventIdHeader != null && !lastEventIdHeader.isBlank() ? lastEventIdHeader : lastEventIdParam, issues);
        if (!issues.isEmpty()) {
            throw ApiException.badRequest("invalid-request", "The stream's filters are invalid.", issues);
        }
        if (feed.subscribers() >= maxSubscribers) {
            throw new ApiException(Problem.of(503, "too-many-subscribers", "Too many subscribers",
                    "The stream has as many subscribers as it takes; try again shortly."));
        }
        boolean analyst = viewer.isAnalyst();
        if (analyst && viewer.rawUntil() != null && !viewer.rawUntil().isAfter(Instant.now())) {
            // Verified within the clock skew allowed for the issuer's clock, but past its expiry: raw values are
            // streamed only under a token still valid.
            throw new ApiException(Problem.of(401, "unauthorized", "Unauthorized", "The token has expired: get a new one and connect again."));
        }
        Multi<OutboundSseEvent> changes = feed.subscribe(filter, lastEventId).map(item -> event(sse, item, analyst));
        // A heartbeat at once, so that clients and proxies see the stream open before the first change. Events, not
        // comments: a browser's EventSource hands its page no comment, and the page needs to hear the silence.
        String beat = "{\"intervalMillis\":" + heartbeat.toMillis() + "}";
        // With a reconnection time of its own for each connection: when an instance stops, its dashboards come
        // back spread over a few seconds instead of all at the browsers' default moment.
        long reconnectIn = RECONNECT_MIN_MS + ThreadLocalRandom.current().nextLong(RECONNECT_SPREAD_MS);
        Multi<OutboundSseEvent> connected = Multi.createFrom().item(() -> sse.newEventBuilder().name(HEARTBEAT).data(beat)
                .reconnectDelay(reconnectIn).build());
        Multi<OutboundSseEvent> heartbeats = Multi.createFrom().ticks().startingAfter(heartbeat).every(heartbeat)
                .onOverflow().drop()
                .map(tick -> sse.newEventBuilder().name(HEARTBEAT).data(beat).build());
        Multi<OutboundSseEvent> stream = merged(List.of(connected, heartbeats, changes));
        if (analyst && viewer.rawUntil() != null) {
            // Raw values for as long as the token that opened the stream is valid, not for as long as the
            // connection lasts: the stream ends when it expires, and the client reconnects with a new token.
            Duration left = Duration.between(Instant.now(), viewer.rawUntil());
            // (A token that expired in the moment since it was checked above opens nothing.)
            stream = left.isNegative() || left.isZero() ? Multi.createFrom().empty() : stream.select().first(left);
        }
        return stream;
    }

    /**
     * One connection's events from several sources, each asked for one at a time: the merge's default asks each for
     * 128 ahead, so a client that stopped reading (a closed laptop) had 128 changes read from the database and held
     * for it, besides what its own page holds (which, asked one at a time, stays at its smallest).
     */
    static <T> Multi<T> merged(List<Multi<T>> sources) {
        return Multi.createBy().merging().withRequests(1).streams(sources);
    }

    private static OutboundSseEvent event(Sse sse, ChangeFeed.Item item, boolean analyst) {
        if (item.change() != null) {
            return sse.newEventBuilder().id(Long.toString(item.change().seq())).name(CHANGED)
                    .data(analyst ? item.change().analystJson() : item.change().publicJson()).build();
        }
        if (item.reset() != null) {
            // With the id, a client that reconnects on its own (EventSource does) resumes from the reset rather
            // than being sent it again.
            return sse.newEventBuilder().id(Long.toString(item.reset().latestId())).name(RESET)
                    .data("{\"reason\":\"" + item.reset().reason() + "\",\"latestId\":" + item.reset().latestId() + "}").build();
        }
        // An EventSource takes the id as its resume point; it dispatches the event only to a listener for it.
        return sse.newEventBuilder().id(Long.toString(item.progress().latestId())).name(PROGRESS)
                .data("{\"latestId\":" + item.progress().latestId() + "}").build();
    }

    private static <T> Set<T> values(List<String> params, String pointer, Function<String, T> parse, List<Issue> issues) {
        Set<T> result = new LinkedHashSet<>();
        if (params == null) {
            return result;
        }
        for (String param : params) {
            for (String part : param.split(",")) {
                String value = part.trim();
                if (value.isEmpty()) {
                    continue;
                }
                try {
                    result.add(parse.apply(value));
                } catch (RuntimeException e) {
                    issues.add(Issue.error(pointer, "invalid", "'" + Issue.quote(value) + "' is not a valid " + pointer.substring(1) + "."));
                }
            }
        }
        return result;
    }

    private static Integer year(String value) {
        return YearParameter.parse(value, MunicipalityCatalogue.FIRST_YEAR, MunicipalityCatalogue.LAST_YEAR)
                .orElseThrow(() -> new IllegalArgumentException(value));
    }

    private static String goal(String value) {
        if (!value.matches("effort|[1-5]|reporting")) {
            throw new IllegalArgumentException(value);
        }
        return value;
    }

    private static String area(String value) {
        if (!value.matches("\\d{4}|\\d{2}|NO")) {
            throw new IllegalArgumentException(value);
        }
        return value;
    }

    private static Long lastEventId(String text, List<Issue> issues) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(text.trim());
            if (id < 0) {
                throw new NumberFormatException();
            }
            return id;
        } catch (NumberFormatException e) {
            issues.add(Issue.error("/lastEventId", "invalid", "The last event id must be a whole number from an earlier event."));
            return null;
        }
    }
}
