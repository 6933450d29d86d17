package no.rusmonitor.deploy.checks;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services of the system as bin/lib.sh lists them for bin/run (name, local port, database), which is
 * where the checks learn that there are three and what their databases are called.
 */
final class Services {

    static final String LIB = "bin/lib.sh";

    record Service(String name, int devPort, String database) {
        /** "survey" for survey-service: the prefix of its database cluster ("survey-db"). */
        String shortName() {
            return name.replaceFirst("-service$", "");
        }

        String dbCluster() {
            return shortName() + "-db";
        }

        String module() {
            return name;
        }
    }

    static final List<Service> ALL = load();
    static final List<String> NAMES = ALL.stream().map(Service::name).toList();

    private Services() {
    }

    static Optional<Service> get(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static List<Service> load() {
        String lib = Repo.read(LIB);
        Matcher prefix = Pattern.compile("DB_PREFIX=\"\\$\\{RUSMONITOR_DB_PREFIX:-([a-z_]+)}\"").matcher(lib);
        if (!prefix.find()) {
            throw new IllegalStateException(LIB + " no longer sets DB_PREFIX=\"${RUSMONITOR_DB_PREFIX:-...}\"; update Services.java");
        }
        Matcher array = Pattern.compile("(?m)^SERVICES=\\(([^)]*)\\)").matcher(lib);
        if (!array.find()) {
            throw new IllegalStateException(LIB + " no longer has SERVICES=(\"name:port:database\" ...); update Services.java");
        }
        List<Service> services = new ArrayList<>();
        // A port is written as a number or as a variable lib.sh sets with a default: X_PORT="${RUSMONITOR_X_PORT:-8081}".
        Matcher entry = Pattern.compile("\"([a-z-]+):(\\d+|\\$[A-Z_]+):\\$\\{DB_PREFIX}(_[a-z]+)\"").matcher(array.group(1));
        while (entry.find()) {
            services.add(new Service(entry.group(1), port(lib, entry.group(2)), prefix.group(1) + entry.group(3)));
        }
        if (services.isEmpty()) {
            throw new IllegalStateException(LIB + ": no entries understood in SERVICES=(" + array.group(1) + ")");
        }
        return List.copyOf(services);
    }

    private static int port(String lib, String written) {
        if (!written.startsWith("$")) {
            return Integer.parseInt(written);
        }
        String variable = written.substring(1);
        Matcher setting = Pattern.compile("(?m)^" + variable + "=\"\\$\\{[A-Z_]+:-(\\d+)}\"").matcher(lib);
        if (!setting.find()) {
            throw new IllegalStateException(LIB + " uses $" + variable + " in SERVICES but sets no default for it; update Services.java");
        }
        return Integer.parseInt(setting.group(1));
    }
}
