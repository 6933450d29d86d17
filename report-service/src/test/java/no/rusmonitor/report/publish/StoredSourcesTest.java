package no.rusmonitor.report.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** What an earlier release froze into a published version reads back, though this release's types lack a field of it. */
class StoredSourcesTest {

    @Test
    void aFieldThisReleaseNoLongerHasIsPassedOver() {
        // The service's own mapper refuses unknown fields (for requests), as configured in application.properties.
        ObjectMapper strict = new ObjectMapper().findAndRegisterModules().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
        PublishedReportRepository repository = new PublishedReportRepository(null, strict);

        PublishedReportRepository.Sources sources = repository.readSources(
                "{\"values\":[],\"submissions\":[{\"municipalityCode\":\"0301\",\"year\":2024,\"submissionVersion\":2,\"channel\":\"api\"}],"
                        + "\"builtBy\":\"an earlier release\"}");

        assertEquals(List.of(new SubmissionRef("0301", 2024, 2)), sources.submissions());
    }
}
