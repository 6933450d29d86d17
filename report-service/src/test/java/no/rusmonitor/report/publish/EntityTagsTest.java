package no.rusmonitor.report.publish;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EntityTagsTest {

    private static final String STORED = "\"9f86d081\"";

    @Test
    void theStoredTagAloneInAListOrWeakMeansNotModified() {
        assertTrue(EntityTags.noneMatchFails("\"9f86d081\"", STORED));
        assertTrue(EntityTags.noneMatchFails("\"aaaa\", \"9f86d081\"", STORED));
        assertTrue(EntityTags.noneMatchFails("W/\"9f86d081\"", STORED));
        assertTrue(EntityTags.noneMatchFails("*", STORED));
    }

    @Test
    void anotherTagOrNoneMeansTheBytesAreSent() {
        assertFalse(EntityTags.noneMatchFails(null, STORED));
        assertFalse(EntityTags.noneMatchFails("", STORED));
        assertFalse(EntityTags.noneMatchFails("\"aaaa\"", STORED));
        assertFalse(EntityTags.noneMatchFails("9f86d081", STORED), "a tag without its quotes is another tag");
    }
}
