package no.rusmonitor.indicator.definition;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the indicator definitions kept in the repository: {@code indicators/definitions/INDEX} lists
 * the files, each a definition with its {@code id} and {@code version} beside the content fields of
 * {@link DefinitionContent}. Strict: an unknown field or a missing id fails the start.
 */
public final class DefinitionFiles {

    static final String DIRECTORY = "indicators/definitions/";

    private DefinitionFiles() {
    }

    public static List<DefinitionFile> read(ObjectMapper mapper) {
        ObjectMapper strict = mapper.copy().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        List<DefinitionFile> files = new ArrayList<>();
        for (String name : index()) {
            try (InputStream in = resource(DIRECTORY + name)) {
                JsonNode node = strict.readTree(in);
                if (!(node instanceof ObjectNode object) || !object.hasNonNull("id") || !object.hasNonNull("version")) {
                    throw new IllegalStateException(name + " must be an object with id and version");
                }
                String id = object.remove("id").asText();
                int version = object.remove("version").asInt();
                if (!name.equals(id + ".json")) {
                    throw new IllegalStateException(name + " must be named after its id " + id);
                }
                if (version < 1) {
                    throw new IllegalStateException(name + ": version must be at least 1");
                }
                files.add(new DefinitionFile(id, version, strict.treeToValue(object, DefinitionContent.class), name));
            } catch (IOException e) {
                throw new UncheckedIOException("could not read indicator definition " + name, e);
            }
        }
        return files;
    }

    static List<String> index() {
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(resource(DIRECTORY + "INDEX"), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static InputStream resource(String path) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path);
        if (in == null) {
            in = DefinitionFiles.class.getClassLoader().getResourceAsStream(path);
        }
        if (in == null) {
            throw new IllegalStateException("missing from the classpath: " + path);
        }
        return in;
    }
}
