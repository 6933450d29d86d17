package no.rusmonitor.indicator.formula;

import java.math.BigDecimal;
import java.util.List;

import com.ezylang.evalex.EvaluationException;
import com.ezylang.evalex.Expression;
import com.ezylang.evalex.data.EvaluationValue;
import com.ezylang.evalex.functions.FunctionIfc;
import com.ezylang.evalex.functions.FunctionParameterDefinition;
import com.ezylang.evalex.parser.Token;

/**
 * One of EvalEx's ROUND, FLOOR, CEILING or SQRT, for numbers (and scales) of the size a double holds only. The
 * rounding functions set a decimal's scale, and SQRT works on an integer of its argument's size: so
 * {@code FLOOR(1E+999999999)}, {@code ROUND(x, 100000000)} or {@code SQRT(10 ^ 300000000)} would make a number of
 * a billion digits, minutes of one thread and the heap with it, for a formula an operator merely tried. A value
 * stored is a double anyway, so nothing a formula may mean is lost.
 */
final class DoubleSizedArguments implements FunctionIfc {

    /** Comfortably past a double's 308 decimal exponents and 17 significant digits. */
    static final int MAX_DIGITS = 400;

    private final FunctionIfc function;

    DoubleSizedArguments(FunctionIfc function) {
        this.function = function;
    }

    @Override
    public EvaluationValue evaluate(Expression expression, Token token, EvaluationValue... parameters) throws EvaluationException {
        for (int i = 0; i < parameters.length; i++) {
            if (!parameters[i].isNumberValue()) {
                continue;
            }
            BigDecimal number = parameters[i].getNumberValue();
            // The value, then (ROUND) the scale it is rounded to.
            boolean fits = i == 0 ? doubleSized(number) : number.abs().compareTo(BigDecimal.valueOf(MAX_DIGITS)) <= 0;
            if (!fits) {
                throw new EvaluationException(token, "A number given to " + token.getValue() + " is beyond what a double holds.");
            }
        }
        return function.evaluate(expression, token, parameters);
    }

    /** Whether a decimal, and any rounding or root of it, stays small. */
    static boolean doubleSized(BigDecimal number) {
        return Math.abs((long) number.scale()) <= MAX_DIGITS && number.precision() - (long) number.scale() <= MAX_DIGITS
                && number.precision() <= MAX_DIGITS;
    }

    @Override
    public List<FunctionParameterDefinition> getFunctionParameterDefinitions() {
        return function.getFunctionParameterDefinitions();
    }

    @Override
    public void validatePreEvaluation(Token token, EvaluationValue... parameters) throws EvaluationException {
        function.validatePreEvaluation(token, parameters);
    }

    @Override
    public boolean hasVarArgs() {
        return function.hasVarArgs();
    }

    @Override
    public boolean isParameterLazy(int index) {
        return function.isParameterLazy(index);
    }

    @Override
    public int getCountOfNonVarArgParameters() {
        return function.getCountOfNonVarArgParameters();
    }
}
