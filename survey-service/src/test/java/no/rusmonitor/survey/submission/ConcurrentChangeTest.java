package no.rusmonitor.survey.submission;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.concurrent.CompletionException;

import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.Test;

import io.vertx.pgclient.PgException;
import jakarta.persistence.OptimisticLockException;
import no.rusmonitor.platform.problem.ConcurrentChange;

/**
 * survey-service is the one service that maps entities with Hibernate, so it checks that the platform,
 * which names Hibernate's exceptions instead of importing them, still answers a lost race with 409.
 */
class ConcurrentChangeTest {

    @Test
    void aVersionedSubmissionChangedMeanwhileIsAConcurrentChange() {
        assertTrue(ConcurrentChange.isCause(new StaleObjectStateException("SubmissionEntity", 1L)));
        assertTrue(ConcurrentChange.isCause(new CompletionException(new OptimisticLockException("row was updated"))));
    }

    @Test
    void aUniqueKeyTakenMeanwhileIsAConcurrentChange() {
        PgException duplicate = new PgException("duplicate key value violates unique constraint", "ERROR", "23505", null);
        assertTrue(ConcurrentChange.isCause(new ConstraintViolationException("insert",
                new SQLException("duplicate key value violates unique constraint", "23505"), "submission_version_pkey")));
        assertTrue(ConcurrentChange.isCause(new CompletionException(duplicate)));
    }

    /** Hibernate names every broken constraint so: a missing value or a failed check is a fault, not a race to retry. */
    @Test
    void anotherBrokenConstraintIsNot() {
        assertFalse(ConcurrentChange.isCause(new ConstraintViolationException("insert",
                new SQLException("null value in column \"answers\" violates not-null constraint", "23502"), null)));
        assertFalse(ConcurrentChange.isCause(new ConstraintViolationException("insert",
                new SQLException("new row violates check constraint", "23514"), "answer_set_check")));
    }

    @Test
    void otherFailuresAreNot() {
        assertFalse(ConcurrentChange.isCause(new IllegalStateException("a bug")));
        assertFalse(ConcurrentChange.isCause(new PgException("column does not exist", "ERROR", "42703", null)));
    }
}
