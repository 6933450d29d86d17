package no.rusmonitor.indicator.formula;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.ezylang.evalex.BaseException;
import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.config.ExpressionConfiguration;
import com.ezylang.evalex.config.MapBasedFunctionDictionary;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.functions.basic.AbsFunction;
import com.ezylang.evalex.functions.basic.CeilingFunction;
import com.ezylang.evalex.functions.basic.FloorFunction;
import com.ezylang.evalex.functions.basic.IfFunction;
import com.ezylang.evalex.functions.basic.MaxFunction;
import com.ezylang.evalex.functions.basic.MinFunction;
import com.ezylang.evalex.functions.basic.NotFunction;
import com.ezylang.evalex.functions.basic.RoundFunction;
import com.ezylang.evalex.functions.basic.SqrtFunction;
import com.ezylang.evalex.functions.basic.SumFunction;
import com.ezylang.evalex.parser.ParseException;

/**
 * A numerator or denominator formula, evaluated by EvalEx: arithmetic ({@code + - * / ^}), comparisons,
 * {@code && || !}, string literals in double quotes, and a few pure functions ({@code IF, MIN, MAX, ABS,
 * ROUND, FLOOR, CEILING, SQRT, SUM, NOT}). Variables are question ids and the reference variables
 * {@code population} and {@code submitted}. There is nothing in the language that reaches the JVM: no
 * method calls, no reflection, no dates or randomness, no arrays or structures.
 * <p>
 * Parsed once; {@link #evaluate} is thread-safe.
 */
public final class Formula {

    /** The longest formula accepted. */
    public static final int MAX_LENGTH = 1000;

    @SuppressWarnings("unchecked")
    static final ExpressionConfiguration LANGUAGE = ExpressionConfiguration.defaultConfiguration().toBuilder()
            .functionDictionary(MapBasedFunctionDictionary.ofFunctions(
                    Map.entry("IF", new IfFunction()), Map.entry("MIN", new MinFunction()), Map.entry("MAX", new MaxFunction()),
                    Map.entry("ABS", new AbsFunction()), Map.entry("ROUND", new DoubleSizedArguments(new RoundFunction())),
                    Map.entry("FLOOR", new DoubleSizedArguments(new FloorFunction())),
                    Map.entry("CEILING", new DoubleSizedArguments(new CeilingFunction())),
                    Map.entry("SQRT", new DoubleSizedArguments(new SqrtFunction())), Map.entry("SUM", new SumFunction()),
                    Map.entry("NOT", new NotFunction())))
            .arraysAllowed(false)
            .structuresAllowed(false)
            .binaryAllowed(false)
            .implicitMultiplicationAllowed(false)
            .singleQuoteStringLiteralsAllowed(false)
            .mathContext(MathContext.DECIMAL64)
            .build();

    private final String text;
    private final Expression expression;
    private final Set<String> variables;

    private Formula(String text, Expression expression, Set<String> variables) {
        this.text = text;
        this.expression = expression;
        this.variables = variables;
    }

    /** Parses and checks {@code text}; a syntax error names its position. */
    public static Formula compile(String text) throws FormulaException {
        if (text == null || text.isBlank()) {
            throw new FormulaException("The formula is empty.", 0);
        }
        if (text.length() > MAX_LENGTH) {
            throw new FormulaException("The formula is longer than " + MAX_LENGTH + " characters.", 0);
        }
        Expression expression = new Expression(text, LANGUAGE);
        try {
            expression.validate();
            Set<String> used = new TreeSet<>();
            for (String variable : expression.getUsedVariables()) {
                used.add(variable);
            }
            return new Formula(text, expression, Collections.unmodifiableSet(used));
        } catch (ParseException e) {
            throw new FormulaException(describe(e), Math.max(0, e.getStartPosition()));
        }
    }

    public String text() {
        return text;
    }

    /** The variables the formula uses (question ids, {@code population}, {@code submitted}). */
    public Set<String> variables() {
        return variables;
    }

    /**
     * The formula's value with {@code values} for its variables (every variable must have one). A
     * yes/no result counts as 1 or 0.
     */
    public double evaluate(Map<String, Object> values) throws FormulaException {
        synchronized (this) {
            try {
                for (String variable : variables) {
                    Object value = values.get(variable);
                    if (value == null) {
                        throw new FormulaException("No value for '" + variable + "'.", 0);
                    }
                    expression.with(variable, value);
                }
                EvaluationValue result = expression.evaluate();
                if (result.isNumberValue()) {
                    // EvalEx computes in decimals of any size; a double that overflows would be stored as Infinity,
                    // which no table or event can carry.
                    double number = result.getNumberValue().doubleValue();
                    if (!Double.isFinite(number)) {
                        throw new ArithmeticException("beyond a double");
                    }
                    return number;
                }
                if (result.isBooleanValue()) {
                    return Boolean.TRUE.equals(result.getBooleanValue()) ? 1 : 0;
                }
                throw new FormulaException("The formula gives " + result.getDataType().name().toLowerCase()
                        + " where a number is needed.", 0);
            } catch (EvaluationException e) {
                throw new FormulaException(describe(e), Math.max(0, e.getStartPosition()));
            } catch (ParseException e) {
                throw new FormulaException(describe(e), Math.max(0, e.getStartPosition()));
            } catch (ArithmeticException e) {
                // Fixed texts here: these messages are the JDK's and EvalEx's internals, and they reach an operator's 422.
                throw new FormulaException("The formula cannot be computed with these values (a division by zero, or a number"
                        + " beyond what can be computed).", 0);
            } catch (RuntimeException e) {
                // EvalEx reports some type mismatches (text where a number belongs) this way.
                throw new FormulaException("The formula cannot be evaluated: it combines values that do not go together, such as"
                        + " text where a number belongs.", 0);
            }
        }
    }

    /** Converts an answer as it arrives in an event (JSON scalar) to what formulas compute with. */
    public static Object answerValue(Object json) {
        if (json instanceof BigDecimal || json instanceof Boolean || json instanceof String) {
            return json;
        }
        if (json instanceof Number number) {
            return new BigDecimal(number.toString());
        }
        return null;
    }

    /**
     * EvalEx's diagnoses, by how its message begins, in words of our own: its texts are a library's internals, and
     * they would reach an operator's 422 unchanged. One not listed is said generally; the position and token stay.
     */
    private static final Map<String, String> DIAGNOSES = new LinkedHashMap<>();

    static {
        DIAGNOSES.put("Closing brace not found", "a parenthesis is opened and never closed");
        DIAGNOSES.put("Unexpected closing brace", "a parenthesis is closed that was never opened");
        DIAGNOSES.put("Missing operand for operator", "an operator lacks a value on one side");
        DIAGNOSES.put("Missing operator", "two values follow each other with no operator between them");
        DIAGNOSES.put("Too many operands", "there are more values than the operators combine");
        DIAGNOSES.put("Empty expression", "there is nothing to compute");
        DIAGNOSES.put("Undefined function", "it calls a function the formula language does not have");
        DIAGNOSES.put("Undefined operator", "it uses an operator the formula language does not have");
        DIAGNOSES.put("Closing quote not found", "a quoted text is never closed");
        DIAGNOSES.put("Unknown escape character", "a quoted text has an escape the language does not know");
        DIAGNOSES.put("Illegal scientific format", "a number is written in a form that cannot be read");
        DIAGNOSES.put("Misplaced structure operator", "it uses '.' where the language has no structures");
        DIAGNOSES.put("Array", "it uses '[' or ']', and the language has no arrays");
        DIAGNOSES.put("Closing array not found", "it uses '[', and the language has no arrays");
        DIAGNOSES.put("Unexpected closing array", "it uses ']', and the language has no arrays");
        DIAGNOSES.put("Unexpected token", "something stands where it cannot");
    }

    private static String describe(BaseException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        String what = DIAGNOSES.entrySet().stream().filter(d -> message.startsWith(d.getKey())).map(Map.Entry::getValue).findFirst()
                .orElse(e instanceof ParseException ? "it does not follow the formula language" : "it cannot be computed as written");
        String at = e.getStartPosition() > 0 ? " at position " + e.getStartPosition() : "";
        String token = e.getTokenString() != null && !e.getTokenString().isBlank() ? " ('" + e.getTokenString() + "')" : "";
        return (e instanceof ParseException ? "The formula cannot be read: " : "The formula cannot be evaluated: ") + what + at + token + ".";
    }

    @Override
    public String toString() {
        return text;
    }
}
