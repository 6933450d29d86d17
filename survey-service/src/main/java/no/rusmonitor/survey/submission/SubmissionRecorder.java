package no.rusmonitor.survey.submission;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.smallrye.mutiny.Uni;
import no.rusmonitor.survey.outbox.SubmissionEvents;
import no.rusmonitor.survey.outbox.SubmissionAccepted;
import no.rusmonitor.platform.problem.ApiException;

/**
 * Accepts a new submitted version: keeps it with its changes, moves the submission forward, and puts
 * the event in the outbox, all in the caller's transaction. Shared by municipalities' submissions and
 * operators' imports, so that both leave the same trail.
 */
@ApplicationScoped
public class SubmissionRecorder {

    public static final String SOURCE_API = "api";
    public static final String SOURCE_IMPORT = "import";

    private final SubmissionRepository submissions;
    private final SubmissionVersionRepository versions;
    private final SubmissionEvents events;
    private final Clock clock;

    @Inject
    public SubmissionRecorder(SubmissionRepository submissions, SubmissionVersionRepository versions, SubmissionEvents events, Clock clock) {
        this.submissions = submissions;
        this.versions = versions;
        this.events = events;
        this.clock = clock;
    }

    /** What is being accepted: answers already validated against {@code surveyVersion}. */
    public record Accepted(ObjectNode answers, int surveyVersion, String by, String source, boolean late, List<String> acknowledgedWarnings) {
    }

    /** Needs a transaction. {@code submission} may be new (not yet persisted). */
    public Uni<SubmissionVersionEntity> record(SubmissionEntity submission, Accepted accepted) {
        ObjectNode answers = AnswerDiff.withoutNulls(accepted.answers());
        Uni<SubmissionVersionEntity> previous = submission.currentVersion == 0 ? Uni.createFrom().nullItem()
                : versions.version(submission.municipalityCode, submission.surveyYear, submission.currentVersion);
        return previous.flatMap(before -> {
            List<AnswerChange> changes = AnswerDiff.between(before == null ? null : before.answers, answers);
            if (before != null && changes.isEmpty()) {
                throw ApiException.unprocessable("no-changes", "No changes",
                        "The answers are the same as in version " + before.version + "; nothing to correct.", List.of(), List.of());
            }
            Instant now = clock.instant();
            submission.currentVersion += 1;
            submission.lastSubmittedAt = now;
            if (submission.firstSubmittedAt == null) {
                submission.firstSubmittedAt = now;
                submission.firstSubmittedLate = accepted.late();
            }
            submission.draft = null;
            submission.draftSavedAt = null;
            submission.draftSavedBy = null;

            SubmissionVersionEntity version = new SubmissionVersionEntity();
            version.surveyYear = submission.surveyYear;
            version.municipalityCode = submission.municipalityCode;
            version.version = submission.currentVersion;
            version.surveyVersion = accepted.surveyVersion();
            version.answers = answers;
            version.changes = changes;
            version.acknowledgedWarnings = List.copyOf(accepted.acknowledgedWarnings());
            version.submittedAt = now;
            version.submittedBy = accepted.by();
            version.source = accepted.source();
            version.late = accepted.late();
            Uni<SubmissionEntity> saved = submission.id == null ? submissions.persist(submission) : Uni.createFrom().item(submission);
            return saved.flatMap(s -> {
                version.submissionId = s.id;
                return versions.persist(version);
            }).flatMap(v -> events.accepted(new SubmissionAccepted(v.municipalityCode, v.surveyYear, v.surveyVersion,
                    v.version, v.submittedAt, v.submittedBy, v.source, v.late, v.answers,
                    changes.stream().map(AnswerChange::question).toList())).replaceWith(v));
        });
    }
}
