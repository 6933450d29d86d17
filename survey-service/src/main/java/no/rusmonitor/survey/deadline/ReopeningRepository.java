package no.rusmonitor.survey.deadline;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
public class ReopeningRepository implements PanacheRepository<ReopeningEntity> {

    /** The reopening not yet closed for this municipality and year, if any (it may have run out). */
    public Uni<ReopeningEntity> open(int year, String municipalityCode) {
        return find(OPEN, year, municipalityCode).firstResult();
    }

    /**
     * The same, for closing or replacing it, after taking the municipality's reopening lock for the rest of the
     * transaction: closing a reopening and extending it (which closes it and opens another) at the same moment
     * take turns, and the second reads only once the first has committed, so it finds what the first left (the
     * reopening the first opened, too). Without the lock both closed the same one, the later close overwriting
     * the earlier, and a close could answer 200 while the extension it raced stayed open. A lock on the row would
     * not do: a read that waited for it does not see a row the other transaction inserted.
     */
    public Uni<ReopeningEntity> openForChange(int year, String municipalityCode) {
        return Panache.getSession().flatMap(session -> session
                .createNativeQuery("select 1 from (select pg_advisory_xact_lock(:namespace, :key)) as locked", Integer.class)
                .setParameter("namespace", LOCK_NAMESPACE).setParameter("key", year * 10_000 + Integer.parseInt(municipalityCode))
                .getSingleResult())
                .flatMap(locked -> open(year, municipalityCode));
    }

    /** The advisory locks of reopenings: (this, year × 10,000 + municipality code). */
    private static final int LOCK_NAMESPACE = 0x5265_6f70; // "Reop"

    private static final String OPEN = "surveyYear = ?1 and municipalityCode = ?2 and closedAt is null";

    /** The reopenings in force at {@code now}: not closed, and not run out ({@link ReopeningEntity#inForceAt}, asked of the database). */
    public Uni<List<ReopeningEntity>> inForce(int year, Instant now) {
        return list("surveyYear = ?1 and closedAt is null and (until is null or until > ?2) order by municipalityCode", year, now);
    }
}
