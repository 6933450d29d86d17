package no.rusmonitor.report.render;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Collections;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/** The words of the reports in bokmål ({@code nb}) and English ({@code en}), from {@code messages/<lang>.properties}. */
public final class Messages {

    public static final String NB = "nb";
    public static final String EN = "en";

    private static final Map<String, Messages> BY_LANG = Map.of(NB, load(NB), EN, load(EN));

    private final String lang;
    private final Map<String, String> texts;

    private Messages(String lang, Map<String, String> texts) {
        this.lang = lang;
        this.texts = texts;
    }

    public static Messages of(String lang) {
        Messages messages = BY_LANG.get(lang);
        if (messages == null) {
            throw new IllegalArgumentException("no messages for language " + lang);
        }
        return messages;
    }

    public String lang() {
        return lang;
    }

    /** The text for {@code key}; the key itself when there is none, so a gap shows rather than breaks. */
    public String get(String key) {
        return texts.getOrDefault(key, key);
    }

    public String format(String key, Object... args) {
        return new MessageFormat(get(key), Locale.ROOT).format(args);
    }

    /** For templates, which pass a fixed number of arguments; each is printed as text (a year is not 2,024). */
    public String f1(String key, Object a) {
        return format(key, String.valueOf(a));
    }

    public String f2(String key, Object a, Object b) {
        return format(key, String.valueOf(a), String.valueOf(b));
    }

    public String f5(String key, Object a, Object b, Object c, Object d, Object e) {
        return format(key, String.valueOf(a), String.valueOf(b), String.valueOf(c), String.valueOf(d), String.valueOf(e));
    }

    public String goal(String goal) {
        return get("goal_" + goal);
    }

    public String unit(String unit) {
        return texts.getOrDefault("unit_" + unit, unit == null ? "" : unit);
    }

    public String sizeClass(String id) {
        return texts.getOrDefault("size_" + id, id);
    }

    public String direction(String direction) {
        return get("dir_" + direction);
    }

    public String reason(String reason) {
        return texts.getOrDefault("reason_" + reason, reason);
    }

    private static Messages load(String lang) {
        Properties properties = new Properties();
        try (InputStream in = Messages.class.getResourceAsStream("/messages/" + lang + ".properties")) {
            if (in == null) {
                throw new IllegalStateException("messages/" + lang + ".properties missing from the classpath");
            }
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> texts = new HashMap<>();
        properties.forEach((k, v) -> texts.put((String) k, (String) v));
        return new Messages(lang, Collections.unmodifiableMap(texts));
    }
}
