package no.rusmonitor.report.render;

import java.util.Locale;

/** The formats every report comes in, by file extension and media type. */
public enum Format {
    html("text/html", "text/html;charset=UTF-8"),
    pdf("application/pdf", "application/pdf"),
    csv("text/csv", "text/csv;charset=UTF-8"),
    json("application/json", "application/json");

    private final String mediaType;
    private final String contentType;

    Format(String mediaType, String contentType) {
        this.mediaType = mediaType;
        this.contentType = contentType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The Content-Type header, with the charset for text. */
    public String contentType() {
        return contentType;
    }

    public static Format byExtension(String extension) {
        for (Format f : values()) {
            if (f.name().equals(extension.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        return null;
    }

    public static Format byMediaType(String type) {
        for (Format f : values()) {
            if (f.mediaType.equalsIgnoreCase(type)) {
                return f;
            }
        }
        return null;
    }
}
