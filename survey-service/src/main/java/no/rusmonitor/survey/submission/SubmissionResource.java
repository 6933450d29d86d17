package no.rusmonitor.survey.submission;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.survey.idempotency.IdempotencyStore;
import no.rusmonitor.survey.idempotency.StoredResponse;
import no.rusmonitor.platform.outbox.OutboxRelay;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.ConcurrentChange;
import no.rusmonitor.platform.request.IdempotencyKey;
import no.rusmonitor.platform.security.Caller;
import no.rusmonitor.platform.security.Roles;
import no.rusmonitor.reference.MunicipalityCatalogue;

/**
 * A municipality's submission for a year. Municipalities write only their own ({@link ActsForItself},
 * checked before the body is read); analysts and operators read all.
 */
@Path("/api/surveys/{year}/submissions/{code}")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Submissions")
@SecurityRequirement(name = "jwt")
public class SubmissionResource {

    static final String CODE = "\\d{4}";

    private final SubmissionService service;
    private final IdempotencyStore idempotency;
    private final OutboxRelay relay;
    private final SubmissionMetrics metrics;
    private final Caller caller;
    private final ObjectMapper mapper;
    private final MunicipalityCatalogue catalogue;

    @Inject
    public SubmissionResource(SubmissionService service, IdempotencyStore idempotency, OutboxRelay relay, SubmissionMetrics metrics,
            Caller caller, ObjectMapper mapper, MunicipalityCatalogue catalogue) {
        this.service = service;
        this.idempotency = idempotency;
        this.relay = relay;
        this.metrics = metrics;
        this.caller = caller;
        this.mapper = mapper;
        this.catalogue = catalogue;
    }

    /** The municipality that {@code code} of {@code year} became whole, whose token may act and read for it too. */
    private Supplier<Optional<String>> becameWhole(String code, int year) {
        return () -> catalogue.soleSuccessorOf(code, year);
    }

    @GET
    @RolesAllowed({ Roles.MUNICIPALITY, Roles.ANALYST, Roles.OPERATOR })
    @Operation(summary = "The submission as it stands: draft, newest version, whether it is writable; ETag for If-Match")
    public Uni<Response> state(@PathParam("year") int year, @PathParam("code") @Pattern(regexp = CODE) String code) {
        caller.requireMayRead(code, becameWhole(code, year));
        return service.state(year, code).map(SubmissionResource::withEtag);
    }

    @PUT
    @Path("/draft")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MUNICIPALITY)
    @ActsForItself
    @Operation(summary = "Save a draft (partial answers allowed)")
    public Uni<Response> saveDraft(@PathParam("year") int year, @PathParam("code") @Pattern(regexp = CODE) String code,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @NotNull @Valid DraftRequest request) {
        return service.saveDraft(year, code, request, ifMatch, caller.name()).map(SubmissionResource::withEtag);
    }

    @POST
    @Path("/validation")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MUNICIPALITY)
    @ActsForItself
    @Operation(summary = "Dry run: the report a submit with this body would give, changing nothing")
    public Uni<DryRunResult> validate(@PathParam("year") int year, @PathParam("code") @Pattern(regexp = CODE) String code,
            @NotNull @Valid SubmitRequest request) {
        return service.dryRun(year, code, request);
    }

    @POST
    @Path("/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MUNICIPALITY)
    @ActsForItself
    @Operation(summary = "Submit, or correct after submission (a new version; send If-Match). Idempotency-Key makes retries safe.")
    public Uni<Response> submit(@PathParam("year") int year, @PathParam("code") @Pattern(regexp = CODE) String code,
            @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch, @HeaderParam(IdempotencyKey.HEADER) String idempotencyKey,
            @NotNull @Valid SubmitRequest request) {
        String principal = caller.name();
        // Deferred: the checks that throw before the service has a Uni (a malformed key, an unknown municipality) are
        // refusals the metric below counts too.
        return Uni.createFrom().deferred(() -> {
            IdempotencyKey.requireWellFormed(idempotencyKey);
            return service.submit(year, code, request, ifMatch, idempotencyKey, fingerprint(year, code, ifMatch, idempotencyKey, request),
                    principal);
        })
                .onFailure(ConcurrentChange::isCause).recoverWithUni(failure -> idempotencyKey == null
                        ? Uni.createFrom().failure(ConcurrentChange.toProblem())
                        : idempotency.earlierInNewSession(principal, idempotencyKey, fingerprint(year, code, ifMatch, idempotencyKey, request))
                        .map(earlier -> {
                            if (earlier == null) {
                                throw ConcurrentChange.toProblem();
                            }
                            return earlier;
                        }))
                .invoke(response -> {
                    if (!response.replayed()) {
                        metrics.accepted(NewVersion.SOURCE_API);
                        relay.wakeUp();
                    }
                })
                .onFailure(ApiException.class).invoke(failure -> metrics.rejected(((ApiException) failure).problem().slug()))
                .map(SubmissionResource::toResponse);
    }

    @GET
    @Path("/versions")
    @RolesAllowed({ Roles.MUNICIPALITY, Roles.ANALYST, Roles.OPERATOR })
    @Operation(summary = "History: every submitted version, who, when, and which answers changed")
    public Uni<List<VersionSummary>> history(@PathParam("year") int year, @PathParam("code") @Pattern(regexp = CODE) String code) {
        caller.requireMayRead(code, becameWhole(code, year));
        return service.history(year, code);
    }

    @GET
    @Path("/versions/{version: [1-9][0-9]*}")
    @RolesAllowed({ Roles.MUNICIPALITY, Roles.ANALYST, Roles.OPERATOR })
    @Operation(summary = "One submitted version with its answers")
    public Uni<VersionView> version(@PathParam("year") int year, @PathParam("code") @Pattern(regexp = CODE) String code,
            @PathParam("version") int version) {
        caller.requireMayRead(code, becameWhole(code, year));
        return service.version(year, code, version);
    }

    private static Response withEtag(SubmissionState state) {
        Response.ResponseBuilder response = Response.ok(state);
        return state.etag() == null ? response.build() : response.header(HttpHeaders.ETAG, state.etag()).build();
    }

    private static Response toResponse(StoredResponse stored) {
        Response.ResponseBuilder response = Response.status(stored.status()).type(MediaType.APPLICATION_JSON).entity(stored.body());
        if (stored.etag() != null) {
            response.header(HttpHeaders.ETAG, stored.etag());
        }
        if (stored.location() != null) {
            response.header(HttpHeaders.LOCATION, stored.location());
        }
        if (stored.replayed()) {
            response.header(IdempotencyKey.REPLAYED, "true");
        }
        return response.build();
    }

    /** What a retry with the same Idempotency-Key must repeat; null without a key. */
    private String fingerprint(int year, String code, String ifMatch, String idempotencyKey, SubmitRequest request) {
        return idempotencyKey == null ? null
                : IdempotencyStore.fingerprint("POST", "/api/surveys/" + year + "/submissions/" + code + "/versions", ifMatch, json(request));
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
