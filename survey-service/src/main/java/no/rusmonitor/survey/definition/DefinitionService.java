package no.rusmonitor.survey.definition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import no.rusmonitor.reference.MunicipalityCatalogue;
import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;

/**
 * Survey definitions and schedules: reading them (cached briefly, since every submission needs them)
 * and publishing new versions.
 */
@ApplicationScoped
public class DefinitionService {

    /** How long another instance may keep answering with a definition after a new one is published. */
    private static final Duration CACHE_TTL = Duration.ofSeconds(2);

    private final SurveyDefinitionRepository definitions;
    private final SurveyScheduleRepository schedules;
    private final ScheduleChangeRepository scheduleChanges;
    private final MunicipalityCatalogue catalogue;
    private final Clock clock;
    private final Map<Integer, Cached> current = new ConcurrentHashMap<>();

    private record Cached(CurrentSurvey survey, Instant expires) {
    }

    @Inject
    public DefinitionService(SurveyDefinitionRepository definitions, SurveyScheduleRepository schedules,
            ScheduleChangeRepository scheduleChanges, MunicipalityCatalogue catalogue, Clock clock) {
        this.definitions = definitions;
        this.schedules = schedules;
        this.scheduleChanges = scheduleChanges;
        this.catalogue = catalogue;
        this.clock = clock;
    }

    /** The newest definition of {@code year} and its schedule, or 404. Needs a session. */
    public Uni<CurrentSurvey> current(int year) {
        Cached cached = current.get(year);
        if (cached != null && cached.expires().isAfter(clock.instant())) {
            return Uni.createFrom().item(cached.survey());
        }
        return definitions.latest(year).flatMap(latest -> {
            if (latest == null) {
                return Uni.createFrom().failure(ApiException.notFound("There is no survey for " + year + "."));
            }
            return schedules.findById(year).map(schedule -> {
                CurrentSurvey survey = new CurrentSurvey(latest.toDefinition(), schedule.toSchedule());
                current.put(year, new Cached(survey, clock.instant().plus(CACHE_TTL)));
                return survey;
            });
        });
    }

    /** The same, opening a session only when the cache cannot answer (the submit path runs without one). */
    public Uni<CurrentSurvey> currentSurvey(int year) {
        Cached cached = current.get(year);
        if (cached != null && cached.expires().isAfter(clock.instant())) {
            return Uni.createFrom().item(cached.survey());
        }
        return Panache.withSession(() -> current(year));
    }

    @WithSession
    public Uni<SurveyDefinition> version(int year, int version) {
        return definitions.version(year, version).map(e -> {
            if (e == null) {
                throw ApiException.notFound("Survey " + year + " has no version " + version + ".");
            }
            return e.toDefinition();
        });
    }

    @WithSession
    public Uni<List<VersionSummary>> versions(int year) {
        return definitions.versions(year).map(list -> {
            if (list.isEmpty()) {
                throw ApiException.notFound("There is no survey for " + year + ".");
            }
            return list.stream().map(VersionSummary::of).toList();
        });
    }

    /** Every schedule {@code year}'s survey has had, oldest first, the one in force last; 404 for a year without a survey. */
    @WithSession
    public Uni<List<ScheduleChange>> scheduleHistory(int year) {
        return definitions.latest(year).flatMap(latest -> {
            if (latest == null) {
                throw ApiException.notFound("There is no survey for " + year + ".");
            }
            return scheduleChanges.history(year);
        }).map(changes -> changes.stream().map(ScheduleChangeEntity::toChange).toList());
    }

    @WithSession
    public Uni<List<SurveySummary>> surveys() {
        return definitions.latestOfEachYear().flatMap(latest -> schedules.listAll().map(all -> {
            Map<Integer, Schedule> byYear = new java.util.HashMap<>();
            all.forEach(s -> byYear.put(s.surveyYear, s.toSchedule()));
            return latest.stream()
                    .map(d -> new SurveySummary(d.surveyYear, d.version, d.content.title(), byYear.get(d.surveyYear)))
                    .toList();
        }));
    }

    /**
     * Drops this instance's cached definition and schedule of {@code year}. The writers below drop it inside
     * their transaction; a read in the moment before the commit could cache the old rows again, so the
     * resource calls this once the write has committed too.
     */
    public void forget(int year) {
        current.remove(year);
    }

    /** Publishes the next version of {@code year}'s survey. */
    @WithTransaction
    public Uni<SurveyDefinition> publish(int year, DefinitionContent content, String by) {
        requireSensible(year, content);
        return definitions.latest(year).flatMap(latest -> {
            SurveyDefinitionEntity entity = new SurveyDefinitionEntity();
            entity.surveyYear = year;
            entity.version = latest == null ? 1 : latest.version + 1;
            entity.content = content;
            entity.publishedAt = clock.instant();
            entity.publishedBy = by;
            Uni<?> schedule = latest == null ? ensureDefaultSchedule(year, by) : Uni.createFrom().voidItem();
            return schedule.flatMap(x -> definitions.persistAndFlush(entity));
        }).map(saved -> {
            current.remove(year);
            return saved.toDefinition();
        });
    }

    /**
     * Changes a version in place, which is allowed only before the survey opens and while nothing has been
     * submitted against it (an import may have been); after that a change is a new version ({@link #publish}).
     * Once the survey is open a submission may be validated against the version at any moment, and one
     * validated against the old text must not be stored as an answer to the new.
     */
    @WithTransaction
    public Uni<SurveyDefinition> replace(int year, int version, DefinitionContent content, String by) {
        requireSensible(year, content);
        return definitions.version(year, version).flatMap(entity -> {
            if (entity == null) {
                throw ApiException.notFound("Survey " + year + " has no version " + version + ".");
            }
            return schedules.findById(year).invoke(schedule -> {
                if (schedule != null && !clock.instant().isBefore(schedule.opensAt)) {
                    throw ApiException.conflict("definition-open", "The " + year + " survey opened at " + schedule.opensAt
                            + "; version " + version + " cannot change in place any more; publish a new version instead.");
                }
            }).flatMap(x -> submissionsAgainst(year, version)).map(count -> {
                if (count > 0) {
                    throw ApiException.conflict("definition-in-use", "Version " + version + " of " + year + " has " + count
                            + " submission(s) and cannot change; publish a new version instead.");
                }
                entity.content = content;
                entity.publishedAt = clock.instant();
                entity.publishedBy = by;
                return entity;
            });
        }).map(entity -> {
            current.remove(year);
            return entity.toDefinition();
        });
    }

    @WithTransaction
    public Uni<Schedule> setSchedule(int year, Schedule schedule, String by) {
        if (!schedule.opensAt().isBefore(schedule.deadline())) {
            throw ApiException.unprocessable("invalid-schedule", "Invalid schedule", "The survey must open before its deadline.",
                    List.of(Issue.error("/opensAt", "opens_after_deadline", "opensAt must be before deadline.")), List.of());
        }
        return definitions.latest(year).flatMap(latest -> {
            if (latest == null) {
                throw ApiException.notFound("There is no survey for " + year + ".");
            }
            return schedules.findById(year);
        }).flatMap(existing -> {
            SurveyScheduleEntity entity = existing == null ? new SurveyScheduleEntity() : existing;
            entity.surveyYear = year;
            entity.opensAt = schedule.opensAt();
            entity.deadline = schedule.deadline();
            entity.updatedAt = clock.instant();
            entity.updatedBy = by;
            return existing == null ? schedules.persist(entity) : Uni.createFrom().item(entity);
        }).map(saved -> {
            current.remove(year);
            return saved.toSchedule();
        });
    }

    private Uni<Long> submissionsAgainst(int year, int version) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select count(*) from submission_version where survey_year = :year and survey_version = :version", Long.class)
                .setParameter("year", year).setParameter("version", version).getSingleResult());
    }

    private Uni<Void> ensureDefaultSchedule(int year, String by) {
        return schedules.findById(year).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            SurveyScheduleEntity entity = new SurveyScheduleEntity();
            entity.surveyYear = year;
            entity.opensAt = java.time.LocalDate.of(year + 1, 1, 5).atStartOfDay(java.time.ZoneId.of("Europe/Oslo")).toInstant();
            // As the seeded surveys have it: the last second of 1 March (Schedule: a deadline's second is open, all of it).
            entity.deadline = java.time.LocalDate.of(year + 1, 3, 1).atTime(23, 59, 59).atZone(java.time.ZoneId.of("Europe/Oslo")).toInstant();
            entity.updatedAt = clock.instant();
            entity.updatedBy = by;
            return schedules.persist(entity).replaceWithVoid();
        });
    }

    private void requireSensible(int year, DefinitionContent content) {
        if (!catalogue.covers(year)) {
            throw ApiException.unprocessable("year-not-covered", "Year not covered",
                    "The reference data covers " + catalogue.years().get(0) + "-" + catalogue.years().get(catalogue.years().size() - 1)
                            + "; a survey for " + year + " would have no municipalities to expect.",
                    List.of(), List.of());
        }
        List<Issue> issues = DefinitionRules.check(content);
        if (!issues.isEmpty()) {
            throw ApiException.unprocessable("invalid-definition", "Invalid definition",
                    "The definition has " + issues.size() + " problem(s).", issues, List.of());
        }
    }
}
