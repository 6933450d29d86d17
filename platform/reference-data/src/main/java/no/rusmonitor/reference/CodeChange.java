package no.rusmonitor.reference;

import java.time.LocalDate;

/**
 * One row of Statistics Norway's change list: {@code oldCode} became (part of) {@code newCode} on
 * {@code occurred}. An old code with several new codes on the same date is a split; a row whose codes
 * are equal is a change of name only.
 */
public record CodeChange(String oldCode, String oldName, String newCode, String newName, LocalDate occurred) {

    /** The first reporting year whose codes already reflect this change. */
    public int effectiveYear() {
        return occurred.getYear();
    }

    public boolean renumbersOrMerges() {
        return !oldCode.equals(newCode);
    }
}
