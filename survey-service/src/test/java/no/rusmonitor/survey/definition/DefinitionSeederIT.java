package no.rusmonitor.survey.definition;

import static no.rusmonitor.survey.RealInfrastructure.DATABASE;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

/** At start, a year the database lacks is loaded from the repository's file; a year it has is left as it is. */
@QuarkusTest
class DefinitionSeederIT {

    @Inject
    DefinitionSeeder seeder;

    @Inject
    ObjectMapper mapper;

    @Test
    void aMissingScheduleComesBackFromTheRepositoryAndAPresentOneIsLeftAlone() throws Throwable {
        Schedule file2019 = fileSchedule(2019);
        Instant moved = Instant.parse("2030-01-01T00:00:00Z");
        execute("delete from survey_schedule where survey_year = 2019");
        execute("update survey_schedule set deadline = ?, updated_by = 'operator@rusmonitor.test' where survey_year = 2018",
                Timestamp.from(moved));

        try {
            seeder.onStart(null);

            assertEquals(List.of(file2019.opensAt().toString(), file2019.deadline().toString(), DefinitionSeeder.SEEDED_BY),
                    schedule(2019));
            assertEquals(moved.toString(), schedule(2018).get(1));
            assertEquals(1, DATABASE.count("select count(*) from survey_definition where survey_year = 2019"));
        } finally {
            execute("update survey_schedule set deadline = ?, updated_by = ? where survey_year = 2018",
                    Timestamp.from(fileSchedule(2018).deadline()), DefinitionSeeder.SEEDED_BY);
        }
    }

    private Schedule fileSchedule(int year) throws Exception {
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("surveys/survey-" + year + ".json")) {
            return mapper.readValue(in, DefinitionFile.class).schedule();
        }
    }

    private static List<String> schedule(int year) throws SQLException {
        try (Connection c = DATABASE.connect();
                PreparedStatement s = c.prepareStatement("select opens_at, deadline, updated_by from survey_schedule where survey_year = ?")) {
            s.setInt(1, year);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return List.of(rs.getTimestamp(1).toInstant().toString(), rs.getTimestamp(2).toInstant().toString(), rs.getString(3));
            }
        }
    }

    private static void execute(String sql, Object... parameters) throws SQLException {
        try (Connection c = DATABASE.connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            s.executeUpdate();
        }
    }
}
