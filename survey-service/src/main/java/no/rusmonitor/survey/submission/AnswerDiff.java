package no.rusmonitor.survey.submission;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Which answers differ between two versions. Numbers compare by value: 10 and 10.0 are the same answer. */
public final class AnswerDiff {

    private AnswerDiff() {
    }

    public static List<AnswerChange> between(ObjectNode before, ObjectNode after) {
        TreeSet<String> questions = new TreeSet<>();
        if (before != null) {
            before.fieldNames().forEachRemaining(questions::add);
        }
        after.fieldNames().forEachRemaining(questions::add);
        List<AnswerChange> changes = new ArrayList<>();
        for (String question : questions) {
            JsonNode old = before == null ? null : before.get(question);
            JsonNode now = after.get(question);
            if (!same(old, now)) {
                changes.add(new AnswerChange(question, old, now));
            }
        }
        return changes;
    }

    /** The answers without unanswered (null) entries, which is how they are stored. */
    public static ObjectNode withoutNulls(ObjectNode answers) {
        ObjectNode copy = answers.deepCopy();
        for (Iterator<Map.Entry<String, JsonNode>> it = copy.fields(); it.hasNext();) {
            if (it.next().getValue().isNull()) {
                it.remove();
            }
        }
        return copy;
    }

    private static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }
}
