package no.rusmonitor.indicator.definition;

/** One indicator definition kept in the repository ({@code indicators/definitions/<id>.json}). */
public record DefinitionFile(String id, int version, DefinitionContent content, String file) {
}
