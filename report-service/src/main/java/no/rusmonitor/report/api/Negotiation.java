package no.rusmonitor.report.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import no.rusmonitor.platform.problem.ApiException;
import no.rusmonitor.platform.problem.Issue;
import no.rusmonitor.platform.problem.Problem;
import no.rusmonitor.report.render.Format;
import no.rusmonitor.report.render.Messages;

/**
 * Chooses a report's format and language. An extension in the path wins over {@code Accept}; a
 * {@code lang} parameter wins over {@code Accept-Language}. Without any preference: JSON, and bokmål.
 */
public final class Negotiation {

    /** The order of preference when the client accepts several formats equally. */
    private static final List<Format> PREFERENCE = List.of(Format.json, Format.html, Format.pdf, Format.csv);

    private Negotiation() {
    }

    /** {@code extension} is the path's suffix with its dot ({@code .pdf}) or empty. */
    public static Format format(String extension, String accept) {
        if (extension != null && !extension.isEmpty()) {
            Format byExtension = Format.byExtension(extension.substring(1));
            if (byExtension == null) {
                throw ApiException.notFound("There is no format " + extension + "; use .html, .pdf, .csv or .json.");
            }
            return byExtension;
        }
        if (accept == null || accept.isBlank()) {
            return Format.json;
        }
        List<Range> ranges = parse(accept);
        Format best = null;
        double bestQ = 0;
        for (Format format : PREFERENCE) {
            double q = quality(format.mediaType(), ranges);
            if (q > bestQ) {
                best = format;
                bestQ = q;
            }
        }
        if (best == null) {
            throw new ApiException(Problem.of(406, "not-acceptable", "Not acceptable",
                    "Reports come as text/html, application/pdf, text/csv or application/json."));
        }
        return best;
    }

    public static String language(String lang, String acceptLanguage) {
        if (lang != null && !lang.isBlank()) {
            String chosen = normalise(lang.trim());
            if (chosen == null) {
                throw ApiException.badRequest("invalid-request", "Reports are written in nb (bokmål) and en (English).",
                        List.of(Issue.error("/lang", "unsupported_language", "Use nb or en.")));
            }
            return chosen;
        }
        if (acceptLanguage == null || acceptLanguage.isBlank()) {
            return Messages.NB;
        }
        String best = null;
        double bestQ = 0;
        for (Range range : parse(acceptLanguage)) {
            String candidate = "*".equals(range.type()) ? Messages.NB : normalise(range.type());
            if (candidate != null && range.q() > bestQ) {
                best = candidate;
                bestQ = range.q();
            }
        }
        return best == null ? Messages.NB : best;
    }

    private static String normalise(String tag) {
        // A limit of -1 keeps empty pieces: "-".split("[-_]") is an empty array, and its [0] was a 500.
        String primary = tag.toLowerCase(Locale.ROOT).split("[-_]", -1)[0];
        return switch (primary) {
            case "nb", "no", "nn" -> Messages.NB;
            case "en" -> Messages.EN;
            default -> null;
        };
    }

    record Range(String type, double q) {
    }

    static List<Range> parse(String header) {
        List<Range> ranges = new ArrayList<>();
        for (String part : header.split(",")) {
            String[] pieces = part.trim().split(";", -1);
            if (pieces[0].isBlank()) {
                continue;
            }
            double q = 1;
            for (int i = 1; i < pieces.length; i++) {
                String p = pieces[i].trim();
                if (p.startsWith("q=")) {
                    try {
                        q = Math.max(0, Math.min(1, Double.parseDouble(p.substring(2))));
                    } catch (NumberFormatException e) {
                        q = 0;
                    }
                }
            }
            ranges.add(new Range(pieces[0].trim().toLowerCase(Locale.ROOT), q));
        }
        return ranges;
    }

    /** The q of the most specific range that matches {@code type}, 0 when none does. */
    static double quality(String type, List<Range> ranges) {
        String major = type.substring(0, type.indexOf('/'));
        int specificity = -1;
        double q = 0;
        for (Range r : ranges) {
            int s = r.type().equals(type) ? 2 : r.type().equals(major + "/*") ? 1 : r.type().equals("*/*") ? 0 : -1;
            if (s > specificity) {
                specificity = s;
                q = r.q();
            }
        }
        return q;
    }
}
