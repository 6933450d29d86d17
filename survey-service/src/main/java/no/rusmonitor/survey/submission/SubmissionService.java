package no.rusmonitor.survey.submission;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.survey.deadline.WindowState;
import no.rusmonitor.survey.deadline.WriteWindow;
import no.rusmonitor.survey.definition.CurrentSurvey;
import no.rusmonitor.survey.definition.DefinitionService;
import io.vertx.mutiny.sqlclient.Pool;
import no.rusmonitor.survey.idempotency.IdempotencyStore;
import no.rusmonitor.survey.outbox.SubmissionEvents;
import no.rusmonitor.survey.idempotency.StoredResponse;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;
import no.rusmonitor.platform.problem.Problem;
import no.rusmonitor.survey.validation.AnswerValidator;
import no.rusmonitor.survey.validation.ValidationReport;

/**
 * A municipality's work on its yearly submission: drafts, dry runs, submissions and corrections, and
 * reading its current state and history. Access rights are checked by the resource before these run.
 */
@ApplicationScoped
public class SubmissionService {

    private final SubmissionRepository submissions;
    private final SubmissionVersionRepository versions;
    private final DefinitionService definitions;
    private final WriteWindow window;
    private final VersionStore store;
    private final AppendBatcher batcher;
    private final SubmissionEvents events;
    private final Pool pool;
    private final MunicipalityCatalogue catalogue;
    private final ObjectMapper mapper;
    private final Clock clock;

    @Inject
    public SubmissionService(SubmissionRepository submissions, SubmissionVersionRepository versions, DefinitionService definitions,
            WriteWindow window, VersionStore store, AppendBatcher batcher, SubmissionEvents events, Pool pool, MunicipalityCatalogue catalogue,
            ObjectMapper mapper, Clock clock) {
        this.submissions = submissions;
        this.versions = versions;
        this.definitions = definitions;
        this.window = window;
        this.store = store;
        this.batcher = batcher;
        this.events = events;
        this.pool = pool;
        this.catalogue = catalogue;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** What a write needs to know first: the survey, the submission (or null) and the window. */
    private record Context(CurrentSurvey survey, SubmissionEntity submission, WindowState window) {
    }

    @WithSession
    public Uni<SubmissionState> state(int year, String code) {
        requireMunicipality(code, year, false);
        return definitions.current(year).flatMap(survey -> submissions.of(year, code).flatMap(submission -> window
                .nowInSession(year, code, survey.schedule())
                .flatMap(w -> stateOf(year, code, survey, submission, w))));
    }

    /** Saves a draft; answers may be missing or inconsistent, but each must be well-formed. */
    @WithTransaction
    public Uni<SubmissionState> saveDraft(int year, String code, DraftRequest request, String ifMatch, String by) {
        requireMunicipality(code, year, true);
        return writeContext(year, code).flatMap(ctx -> lastYear(code, year).flatMap(lastYear -> {
            ValidationReport report = AnswerValidator.validate(ctx.survey().definition(), request.answers(), lastYear);
            if (report.blocksDraft()) {
                throw ApiException.unprocessable("invalid-answers", "Invalid answers",
                        "The draft has " + report.draftErrors().size() + " invalid answer(s).", report.draftErrors(), List.of());
            }
            SubmissionEntity submission = ctx.submission() != null ? ctx.submission() : SubmissionEntity.start(year, code);
            requireMatch(submission.id == null ? null : submission.etag(), ifMatch, false);
            submission.draft = AnswerDiff.withoutNulls(request.answers());
            submission.draftSavedAt = clock.instant();
            submission.draftSavedBy = by;
            Uni<SubmissionEntity> saved = submission.id == null ? submissions.persist(submission) : Uni.createFrom().item(submission);
            return saved.flatMap(s -> submissions.flush().replaceWith(s))
                    .flatMap(s -> stateOf(year, code, ctx.survey(), s, ctx.window()));
        }));
    }

    /** The report a submit with this body would give now, changing nothing. */
    @WithSession
    public Uni<DryRunResult> dryRun(int year, String code, SubmitRequest request) {
        requireMunicipality(code, year, true);
        return definitions.current(year).flatMap(survey -> submissions.of(year, code)
                .flatMap(submission -> window.nowInSession(year, code, survey.schedule())
                        .flatMap(w -> lastYear(code, year).flatMap(lastYear -> versions.latest(code, year).map(current -> {
                            ObjectNode answers = answersToSubmit(request, submission == null ? null : submission.draft);
                            ValidationReport report = AnswerValidator.validate(survey.definition(), answers, lastYear);
                            List<Issue> unacknowledged = report.unacknowledged(request.acknowledgedWarnings());
                            boolean unchanged = current != null && NewVersion.sameAsCurrent(current.answers, answers);
                            return new DryRunResult(report.valid() && unacknowledged.isEmpty() && w.writable() && !unchanged,
                                    report.errors(), report.warnings(), unacknowledged, unchanged, w);
                        })))));
    }

    /**
     * Submits (version 1) or corrects (version N+1). Returns the response to give, which is also what a
     * retry with the same Idempotency-Key gets. This is the hot path: one read and one atomic write
     * through {@link VersionStore}.
     */
    public Uni<StoredResponse> submit(int year, String code, SubmitRequest request, String ifMatch, String idempotencyKey,
            String fingerprint, String by) {
        requireMunicipality(code, year, true);
        // A retry gets its original answer even once the window has closed: the version it made exists.
        return definitions.currentSurvey(year).flatMap(survey -> store.snapshot(pool, year, code, by, idempotencyKey).flatMap(read -> {
            if (read.earlier() != null) {
                return Uni.createFrom().item(IdempotencyStore.replay(read.earlierRequestHash(), fingerprint, read.earlier()));
            }
            return window.requireWritable(year, code, survey.schedule()).flatMap(w -> {
                requireMatch(read.etag(), ifMatch, read.currentVersion() > 0);
                ObjectNode answers = answersToSubmit(request, read.draft());
                ValidationReport report = AnswerValidator.validate(survey.definition(), answers, read.lastYearAnswers());
                if (!report.valid()) {
                    throw ApiException.unprocessable("validation-failed", "Validation failed",
                            "The submission has " + report.errors().size() + " error(s).", report.errors(), report.warnings());
                }
                List<Issue> unacknowledged = report.unacknowledged(request.acknowledgedWarnings());
                if (!unacknowledged.isEmpty()) {
                    throw ApiException.unprocessable("warnings-not-acknowledged", "Warnings not acknowledged",
                            "Acknowledge each warning by listing its pointer in acknowledgedWarnings.", List.of(), unacknowledged);
                }
                NewVersion version = NewVersion.after(year, code, read.currentVersion(), read.currentAnswers(), answers,
                        survey.definition().version(), report.warnings().stream().map(Issue::pointer).toList(), clock.instant(), by,
                        NewVersion.SOURCE_API, w.late());
                if (version == null) {
                    throw ApiException.unprocessable("no-changes", "No changes",
                            "The answers are the same as in version " + read.currentVersion() + "; nothing to correct.", List.of(), List.of());
                }
                StoredResponse response = StoredResponse.first(201, json(VersionView.of(version, report.warnings())), read.nextEtag(),
                        "/api/surveys/" + year + "/submissions/" + code + "/versions/" + version.version());
                VersionStore.Remember remember = idempotencyKey == null ? null
                        : new VersionStore.Remember(by, idempotencyKey, fingerprint, response);
                return batcher.append(read, new VersionStore.Append(version, events.accepted(version.event()), remember))
                        .flatMap(appended -> appended ? Uni.createFrom().item(response)
                                : afterLostRace(year, code, by, idempotencyKey, fingerprint));
            });
        }));
    }

    /**
     * Another write moved the submission between this request's read and write. If that was a retry of
     * this very request (same Idempotency-Key), its answer is this request's answer too.
     */
    private Uni<StoredResponse> afterLostRace(int year, String code, String by, String idempotencyKey, String fingerprint) {
        ApiException changed = ApiException.preconditionFailed("The submission changed while this request was handled; read it again and retry.");
        if (idempotencyKey == null) {
            return Uni.createFrom().failure(changed);
        }
        return store.snapshot(pool, year, code, by, idempotencyKey).map(again -> {
            if (again.earlier() == null) {
                throw changed;
            }
            return IdempotencyStore.replay(again.earlierRequestHash(), fingerprint, again.earlier());
        });
    }

    @WithSession
    public Uni<List<VersionSummary>> history(int year, String code) {
        requireMunicipality(code, year, false);
        return versions.history(code, year).map(list -> list.stream().map(VersionSummary::of).toList());
    }

    @WithSession
    public Uni<VersionView> version(int year, String code, int version) {
        requireMunicipality(code, year, false);
        return versions.version(code, year, version).map(v -> {
            if (v == null) {
                throw ApiException.notFound("Municipality " + code + " has no version " + version + " for " + year + ".");
            }
            return VersionView.of(v, null);
        });
    }

    private Uni<Context> writeContext(int year, String code) {
        return definitions.current(year).flatMap(survey -> window.requireWritableInSession(year, code, survey.schedule())
                .flatMap(w -> submissions.of(year, code).map(submission -> new Context(survey, submission, w))));
    }

    /** Last year's answers, under the code the municipality had then (see MunicipalityCatalogue.lastYearsCodeOf). */
    private Uni<ObjectNode> lastYear(String code, int year) {
        return catalogue.lastYearsCodeOf(code, year).map(then -> versions.latest(then, year - 1).map(v -> v == null ? null : v.answers))
                .orElseGet(() -> Uni.createFrom().nullItem());
    }

    private Uni<SubmissionState> stateOf(int year, String code, CurrentSurvey survey, SubmissionEntity submission, WindowState w) {
        if (submission == null) {
            return Uni.createFrom().item(new SubmissionState(code, year, SubmissionState.Status.not_started, 0, null, null, null, w, null));
        }
        Uni<SubmissionVersionEntity> latest = submission.currentVersion == 0 ? Uni.createFrom().nullItem()
                : versions.version(code, year, submission.currentVersion);
        Uni<ObjectNode> lastYear = submission.draft == null ? Uni.createFrom().nullItem() : lastYear(code, year);
        return latest.flatMap(v -> lastYear.map(previous -> {
            DraftView draft = submission.draft == null ? null
                    : new DraftView(submission.draft, submission.draftSavedAt, submission.draftSavedBy);
            ValidationReport draftReport = submission.draft == null ? null
                    : AnswerValidator.validate(survey.definition(), submission.draft, previous);
            SubmissionState.Status status = v != null ? SubmissionState.Status.submitted
                    : draft != null ? SubmissionState.Status.draft : SubmissionState.Status.not_started;
            return new SubmissionState(code, year, status, submission.currentVersion, draft, draftReport,
                    v == null ? null : VersionView.of(v, null), w, submission.etag());
        }));
    }

    private static ObjectNode answersToSubmit(SubmitRequest request, ObjectNode draft) {
        if (request.answers() != null) {
            return request.answers();
        }
        if (draft == null) {
            throw ApiException.unprocessable("nothing-to-submit", "Nothing to submit",
                    "The request has no answers and there is no saved draft.",
                    List.of(Issue.error("/answers", "required", "Give the answers, or save a draft first.")), List.of());
        }
        return draft;
    }

    /**
     * Optimistic concurrency: when the client sends If-Match it must name the current ETag; a
     * correction must send it, so two clients cannot both make version N+1 from version N.
     */
    private static void requireMatch(String current, String ifMatch, boolean required) {
        if (ifMatch == null || ifMatch.isBlank()) {
            if (required) {
                throw ApiException.preconditionRequired("A correction must send If-Match with the ETag of the submission it corrects.");
            }
            return;
        }
        if (ifMatch.trim().equals("*")) {
            if (current == null) {
                throw ApiException.preconditionFailed("There is no submission yet for If-Match: * to match.");
            }
            return;
        }
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(current)) {
                return;
            }
        }
        throw ApiException.preconditionFailed("The submission has changed since you read it (its ETag is now "
                + (current == null ? "none" : current) + "); read it again and retry.");
    }

    private void requireMunicipality(String code, int year, boolean forWriting) {
        if (catalogue.isValid(code, year)) {
            return;
        }
        String detail = "Municipality " + code + " did not exist in " + year + ".";
        if (forWriting) {
            throw new ApiException(Problem.of(422, "unknown-municipality", "Unknown municipality", detail)
                    .withIssues(List.of(Issue.error(pointerOfUnknown(year), "unknown_municipality", detail)), List.of()));
        }
        throw ApiException.notFound(detail);
    }

    /** A year without any municipalities is the year's fault; otherwise the code is the one that did not exist then. */
    private static String pointerOfUnknown(int year) {
        return year < MunicipalityCatalogue.FIRST_YEAR || year > MunicipalityCatalogue.LAST_YEAR ? "/year" : "/code";
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
