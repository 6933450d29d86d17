package no.rusmonitor.deploy.checks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** deploy/kafka-topics.csv: the one list of topics (name, partitions, retention_ms, owner). */
final class Topics {

    static final String FILE = "deploy/kafka-topics.csv";

    record Topic(String name, int partitions, long retentionMs, String owner, int line) {
    }

    private final Map<String, Topic> byName = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private Topics() {
    }

    static Topics load() {
        Topics topics = new Topics();
        String[] lines = Repo.read(FILE).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            topics.parse(line, i + 1);
        }
        return topics;
    }

    private void parse(String line, int number) {
        String where = FILE + ":" + number + ": ";
        String[] fields = line.split(",", -1);
        if (fields.length != 4) {
            problems.add(where + "expected 4 fields (name,partitions,retention_ms,owner), found " + fields.length + ": " + line);
            return;
        }
        String name = fields[0].strip();
        if (!name.matches("[a-zA-Z0-9._-]{1,249}")) {
            problems.add(where + "'" + name + "' is not a valid Kafka topic name");
        }
        int partitions;
        long retention;
        try {
            partitions = Integer.parseInt(fields[1].strip());
            retention = Long.parseLong(fields[2].strip());
        } catch (NumberFormatException e) {
            problems.add(where + "partitions and retention_ms must be numbers: " + line);
            return;
        }
        if (partitions < 1) {
            problems.add(where + "partitions must be at least 1");
        }
        if (retention < -1 || retention == 0) {
            problems.add(where + "retention_ms must be -1 (forever) or positive");
        }
        String owner = fields[3].strip();
        if (!Services.NAMES.contains(owner)) {
            problems.add(where + "owner '" + owner + "' is not one of the services " + Services.NAMES);
        }
        if (byName.containsKey(name)) {
            problems.add(where + "topic " + name + " is listed twice (first on line " + byName.get(name).line() + ")");
            return;
        }
        byName.put(name, new Topic(name, partitions, retention, owner, number));
    }

    List<Topic> all() {
        return List.copyOf(byName.values());
    }

    Optional<Topic> get(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    List<String> problems() {
        return problems;
    }
}
