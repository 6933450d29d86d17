package no.rusmonitor.survey.deadline;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReopeningRepository implements PanacheRepository<ReopeningEntity> {

    /** The reopening not yet closed for this municipality and year, if any (it may have run out). */
    public Uni<ReopeningEntity> open(int year, String municipalityCode) {
        return find(OPEN, year, municipalityCode).firstResult();
    }

    /**
     * The same, locked until the transaction ends, for closing or replacing it: closing it and extending it
     * (which closes it and opens another) at the same moment take turns, and the second finds what the first
     * left. Without the lock both would close it, the last one's close overwriting the first's, and a close
     * could answer 200 while the extension it raced stayed open.
     */
    public Uni<ReopeningEntity> openForChange(int year, String municipalityCode) {
        return find(OPEN, year, municipalityCode).withLock(LockModeType.PESSIMISTIC_WRITE).firstResult();
    }

    private static final String OPEN = "surveyYear = ?1 and municipalityCode = ?2 and closedAt is null";

    /** The reopenings in force at {@code now}: not closed, and not run out. */
    public Uni<List<ReopeningEntity>> inForce(int year, Instant now) {
        return list("surveyYear = ?1 and closedAt is null and (until is null or until > ?2) order by municipalityCode", year, now);
    }
}
