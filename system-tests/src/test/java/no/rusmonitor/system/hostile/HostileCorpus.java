package no.rusmonitor.system.hostile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import no.rusmonitor.system.RunningSystem.Service;
import no.rusmonitor.testsupport.TestTokens;

/**
 * The corpus: for every endpoint, the same kinds of attack in path, query, headers, credentials and body,
 * drawn from {@link HostilePayloads} by a fixed seed, so that every run sends the same requests.
 * <p>
 * No request may change anything, so a write that is allowed to a legitimate caller always carries
 * something that must make it fail: a bad credential, a bad path parameter or a bad body. When the attack is
 * elsewhere (a query, a header), writes with a body send {@code {}}, which no endpoint accepts as complete, and
 * writes without a body go without a valid token.
 */
public final class HostileCorpus {

    public static final long SEED = 7_2024_0607L;
    /**
     * The body limits configured in each service's application.properties: quarkus.http.limits.max-body-size, and
     * survey-service's smaller rusmonitor.http.max-body-size everywhere but its imports.
     */
    static int bodyLimit(Endpoint endpoint) {
        return switch (endpoint.service()) {
            case SURVEY -> endpoint.path().startsWith("/api/imports") ? 5 * 1024 * 1024 : 256 * 1024;
            case INDICATOR -> 256 * 1024;
            case REPORT -> 64 * 1024;
        };
    }
    static final int HUGE_HEADER = 64 * 1024;
    static final int DEEP = 10_000;

    private final Random random = new Random(SEED);
    private final List<Map.Entry<String, String>> forged;
    private final List<HostileRequest> corpus = new ArrayList<>();

    public HostileCorpus(Map<String, String> forgedTokens) {
        this.forged = new ArrayList<>(forgedTokens.entrySet());
    }

    public List<HostileRequest> generate(List<Endpoint> endpoints) {
        for (Endpoint endpoint : endpoints) {
            Attack attack = new Attack(endpoint);
            attack.credentials();
            attack.pathParameters();
            attack.queryParameters();
            attack.headers();
            attack.negotiation();
            if (endpoint.takesJson()) {
                new BodyMutations(attack, random).all();
            } else if (endpoint.writes()) {
                attack.add("broken-json", "a body the endpoint does not take, without a valid token",
                        attack.request(attack.target(), attack.refusedToken(), "{\"a\":".getBytes(StandardCharsets.UTF_8), "application/json"), null);
            }
        }
        return List.copyOf(corpus);
    }

    <T> T pick(List<T> list) {
        return list.get(random.nextInt(list.size()));
    }

    /** Everything sent to one endpoint. */
    final class Attack {

        final Endpoint endpoint;
        final Map<String, String> path;
        final Map<String, String> query;
        final String token;

        Attack(Endpoint endpoint) {
            this.endpoint = endpoint;
            this.path = LegitimateRequest.pathValues(endpoint);
            this.query = LegitimateRequest.queryValues(endpoint);
            this.token = LegitimateRequest.token(endpoint);
        }

        String target() {
            return LegitimateRequest.target(endpoint, path, query);
        }

        /**
         * As {@link #target()}, but an import for real, not a dry run: for the attacks every row of which must be
         * refused (out of bounds, broken CSV, a bad credential), so that a row let through shows as a changed row,
         * and one the database cannot hold as a 5xx. (Injection strings in a text answer are answers like any
         * other, and stay dry runs.)
         */
        String targetForReal() {
            if (!query.containsKey("dryRun")) {
                return target();
            }
            Map<String, String> real = new LinkedHashMap<>(query);
            real.put("dryRun", "false");
            return LegitimateRequest.target(endpoint, path, real);
        }

        byte[] legitimateBody() {
            return endpoint.takesJson() ? LegitimateRequest.body(endpoint).toString().getBytes(StandardCharsets.UTF_8) : null;
        }

        /** The body to send when the attack is not in the body: incomplete for writes, none for reads. */
        byte[] incompleteBody() {
            return endpoint.takesBody() && endpoint.writes() ? "{}".getBytes(StandardCharsets.UTF_8) : null;
        }

        /** The token to send when the attack is not in the credentials: a write without a body goes without a valid one. */
        String tokenBesideAttack() {
            return endpoint.writes() && !endpoint.takesBody() ? refusedToken() : token;
        }

        String refusedToken() {
            return switch (random.nextInt(3)) {
                case 0 -> null;
                case 1 -> "Bearer " + TestTokens.municipality("4601");
                default -> pick(forged).getValue();
            };
        }

        /** Whether the legitimate body is a complete, valid one (a survey form or import), or there is no body. */
        boolean bodyKnownValid() {
            return !endpoint.takesBody() || endpoint.path().contains("/submissions/") || endpoint.path().startsWith("/api/imports");
        }

        RawRequest request(String target, String authorization, byte[] body, String contentType) {
            RawRequest request = RawRequest.of(endpoint.method(), target).header("Accept", "application/json");
            if (authorization != null) {
                request = request.header("Authorization", authorization.startsWith("Bearer ") || authorization.startsWith("Basic ")
                        ? authorization : "Bearer " + authorization);
            }
            if (body != null) {
                request = request.body(body);
                if (contentType != null) {
                    request = request.header("Content-Type", contentType);
                }
            }
            return request;
        }

        /** A request whose only hostile part is outside the body and the credentials. */
        RawRequest besideBodyAndToken(String target) {
            return request(target, tokenBesideAttack(), incompleteBody(), "application/json");
        }

        void add(String mutation, String detail, RawRequest request, String field) {
            corpus.add(new HostileRequest(endpoint, mutation, detail, request, field));
        }

        void credentials() {
            String target = targetForReal();
            List<Map.Entry<String, String>> tokens = new ArrayList<>(forged);
            java.util.Collections.shuffle(tokens, random);
            for (Map.Entry<String, String> f : tokens.subList(0, 4)) {
                add(f.getKey().equals("expired") ? "expired-token" : "forged-token", f.getKey(), request(target, f.getValue(), legitimateBody(),
                        "application/json"), null);
            }
            add("expired-token", "expired", request(target, "Bearer " + TestTokens.expiredMunicipality(LegitimateRequest.UNSUBMITTED),
                    legitimateBody(), "application/json"), null);
            add("missing-token", "no Authorization header", request(target, null, legitimateBody(), "application/json"), null);
            if (path.containsKey("code")) {
                add("other-municipality", "a token for 4601 on " + path.get("code"), request(target, TestTokens.municipality("4601"),
                        legitimateBody(), "application/json"), null);
                String other = path.get("code").equals("0301") ? LegitimateRequest.UNSUBMITTED : "0301";
                add("other-municipality", "a token for " + other + " on " + path.get("code"), request(target, TestTokens.municipality(other),
                        legitimateBody(), "application/json"), null);
            } else {
                add("other-municipality", "a municipality's token", request(target, TestTokens.municipality("4601"), legitimateBody(),
                        "application/json"), null);
            }
        }

        void pathParameters() {
            for (String name : path.keySet()) {
                // The extension is glued to the parameter before it ({year}{ext}), so a bad one is that parameter's fault.
                // A schema-made body may be wrong itself and be named instead, so the parameter must be named only
                // when the body is known to be right or there is none.
                String field = name.equals("ext") || !bodyKnownValid() ? null : "/" + name;
                for (int i = 0; i < 2; i++) {
                    String traversal = pick(HostilePayloads.TRAVERSAL);
                    // A raw slash or a dot segment gives the path another shape (the server resolves dot segments),
                    // so the answer may rightly name another parameter of whatever route the path now matches.
                    boolean reshaped = traversal.contains("/") || traversal.equals(".") || traversal.equals("..");
                    add("path-traversal", name + "=" + traversal, withPath(name, traversal), reshaped ? null : field);
                    String injection = pick(HostilePayloads.INJECTION);
                    add("injection", name + "=" + injection, withPath(name, LegitimateRequest.encode(injection)), field);
                }
                add("invalid-utf8", name + " percent-encoded", withPath(name, pick(HostilePayloads.INVALID_UTF8_ENCODED)), field);
                String number = pick(HostilePayloads.NUMBERS).replace("\"", "");
                add("out-of-bounds", name + "=" + number, withPath(name, LegitimateRequest.encode(number)), field);
                RawRequest raw = withPath(name, "\u0001");
                add("invalid-utf8", name + " as raw bytes", new RawRequest(raw.method(), rawBytes(raw.targetText(), "\u0001",
                        pick(HostilePayloads.INVALID_UTF8)), raw.headers(), raw.body(), false), field);
            }
        }

        private RawRequest withPath(String name, String value) {
            return request(LegitimateRequest.target(endpoint, with(path, name, value), query), token, legitimateBody(), "application/json");
        }

        void queryParameters() {
            List<Endpoint.Parameter> parameters = new ArrayList<>(endpoint.in("query"));
            java.util.Collections.shuffle(parameters, random);
            for (Endpoint.Parameter p : parameters.subList(0, Math.min(4, parameters.size()))) {
                String field = incompleteBody() == null ? "/" + p.name() : null; // else the incomplete body is named too
                String injection = pick(HostilePayloads.INJECTION);
                add("injection", p.name() + "=" + injection, withQuery(p.name(), LegitimateRequest.encode(injection)), field);
                String wrong = p.type().equals("integer") || p.name().matches("year|from|to|lastEventId")
                        ? pick(HostilePayloads.NUMBERS).replace("\"", "") : pick(HostilePayloads.WRONG_TYPES);
                add(p.type().equals("string") ? "wrong-type" : "out-of-bounds", p.name() + "=" + wrong,
                        withQuery(p.name(), LegitimateRequest.encode(wrong)), field);
                add("invalid-utf8", p.name() + " percent-encoded", withQuery(p.name(), pick(HostilePayloads.INVALID_UTF8_ENCODED)), field);
            }
            String target = target();
            add("injection", "unknown and repeated parameters", besideBodyAndToken(target + (target.contains("?") ? "&" : "?")
                    + LegitimateRequest.encode("<script>") + "=1&" + LegitimateRequest.encode("' OR 1=1 --") + "=x&year=1&year=99999&level=%00"), null);
        }

        private RawRequest withQuery(String name, String value) {
            return besideBodyAndToken(LegitimateRequest.target(endpoint, path, with(query, name, value)));
        }

        void headers() {
            String[] names = { "Accept-Language", "If-Match", "If-None-Match", "Idempotency-Key", "Last-Event-ID", "X-Forwarded-For", "User-Agent",
                    "Referer", "Cookie", "X-Forwarded-Host", "Origin" };
            for (int i = 0; i < 2; i++) {
                String name = names[random.nextInt(names.length)];
                String injection = pick(HostilePayloads.INJECTION);
                add("injection", "header " + name + ": " + injection, besideBodyAndToken(target()).header(name, injection), null);
            }
            add("invalid-utf8", "raw bytes in Accept-Language", besideBodyAndToken(target()).header("Accept-Language", pick(HostilePayloads.INVALID_UTF8)),
                    null);
            add("huge-header", "one 64 KB header", besideBodyAndToken(target()).header("X-Padding", "a".repeat(HUGE_HEADER)), null);
            String target = target();
            add("huge-header", "a 64 KB request line", besideBodyAndToken(target + (target.contains("?") ? "&" : "?") + "pad=" + "b".repeat(HUGE_HEADER)),
                    null);
            RawRequest many = besideBodyAndToken(target());
            for (int i = 0; i < 400; i++) {
                many = many.header("X-Many-" + i, "c".repeat(160));
            }
            add("huge-header", "400 headers of 160 bytes", many, null);
        }

        void negotiation() {
            for (int i = 0; i < 2; i++) {
                String accept = pick(HostilePayloads.WRONG_ACCEPTS);
                add("accept", "Accept: " + accept, besideBodyAndToken(target()).withoutHeader("Accept").header("Accept", accept), null);
            }
            String traversal = pick(HostilePayloads.TRAVERSAL);
            add("path-traversal", "appended " + traversal, besideBodyAndToken(LegitimateRequest.target(endpoint, path, Map.of()) + "/" + traversal),
                    null);
        }
    }

    static Map<String, String> with(Map<String, String> values, String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(name, value);
        return copy;
    }

    private static byte[] rawBytes(String text, String marker, byte[] bytes) {
        int at = text.indexOf(marker);
        byte[] before = text.substring(0, at).getBytes(StandardCharsets.ISO_8859_1);
        byte[] after = text.substring(at + marker.length()).getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[before.length + bytes.length + after.length];
        System.arraycopy(before, 0, all, 0, before.length);
        System.arraycopy(bytes, 0, all, before.length, bytes.length);
        System.arraycopy(after, 0, all, before.length + bytes.length, after.length);
        return all;
    }
}
