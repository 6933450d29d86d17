package no.rusmonitor.survey.importing;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

import no.rusmonitor.platform.problem.Issue;

/**
 * One row of an upload, as read: which municipality and year, its answers, and what was wrong with the
 * row's form before any validation against a definition.
 *
 * @param row 1-based: the data row of a CSV file (header not counted) or the element of the JSON array
 */
record ImportRow(int row, String municipalityCode, Integer surveyYear, ObjectNode answers, List<Issue> formErrors) {
}
