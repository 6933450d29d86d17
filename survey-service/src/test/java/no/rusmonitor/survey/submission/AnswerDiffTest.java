package no.rusmonitor.survey.submission;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

class AnswerDiffTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode o(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void listsChangedAddedAndRemovedAnswersByQuestion() throws Exception {
        List<AnswerChange> changes = AnswerDiff.between(o("{\"b\": 1, \"a\": true, \"c\": \"x\"}"), o("{\"a\": true, \"b\": 2, \"d\": 3}"));
        assertEquals(List.of("b", "c", "d"), changes.stream().map(AnswerChange::question).toList());
        assertEquals("1", changes.get(0).before().toString());
        assertEquals(null, changes.get(2).before());
    }

    @Test
    void numbersCompareByValue() throws Exception {
        assertEquals(List.of(), AnswerDiff.between(o("{\"a\": 10}"), o("{\"a\": 10.0}")));
    }

    @Test
    void theFirstVersionChangesEveryAnswer() throws Exception {
        assertEquals(2, AnswerDiff.between(null, o("{\"a\": 1, \"b\": false}")).size());
    }

    @Test
    void unansweredNullsAreDropped() throws Exception {
        assertEquals(o("{\"a\": 1}"), AnswerDiff.withoutNulls(o("{\"a\": 1, \"b\": null}")));
    }
}
