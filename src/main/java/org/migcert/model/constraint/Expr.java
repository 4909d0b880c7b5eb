package org.migcert.model.constraint;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.migcert.model.ParamType;
import org.migcert.model.Truth;
import org.migcert.model.Value;

/**
 * A parsed constraint: logic over comparisons of parameters with literals (or with each other),
 * evaluated in three-valued logic so that a partly chosen configuration can already be ruled out.
 */
sealed interface Expr {
    /** Whether the values given satisfy it; a parameter whose value is null is not chosen yet. */
    Truth test(Function<String, Value> values);

    /** Checks names and types against the model's parameters. */
    void check(Map<String, ParamType> types) throws ConstraintException;

    /** Adds the parameter names it reads. */
    void names(Set<String> out);

    /** {@code left and right}, or {@code left or right}. */
    record Logic(Expr left, boolean and, Expr right) implements Expr {
        @Override
        public Truth test(Function<String, Value> values) {
            Truth a = left.test(values);
            Truth b = right.test(values);
            return and ? a.and(b) : a.or(b);
        }

        @Override
        public void check(Map<String, ParamType> types) throws ConstraintException {
            left.check(types);
            right.check(types);
        }

        @Override
        public void names(Set<String> out) {
            left.names(out);
            right.names(out);
        }
    }

    record Not(Expr inner) implements Expr {
        @Override
        public Truth test(Function<String, Value> values) {
            return inner.test(values).not();
        }

        @Override
        public void check(Map<String, ParamType> types) throws ConstraintException {
            inner.check(types);
        }

        @Override
        public void names(Set<String> out) {
            inner.names(out);
        }
    }

    /** A bool literal on its own ({@code true}). */
    record Constant(boolean value) implements Expr {
        @Override
        public Truth test(Function<String, Value> values) {
            return Truth.of(value);
        }

        @Override
        public void check(Map<String, ParamType> types) {
        }

        @Override
        public void names(Set<String> out) {
        }
    }

    /** A bool parameter on its own: true when it is on. */
    record Flag(Operand.Param param) implements Expr {
        @Override
        public Truth test(Function<String, Value> values) {
            Value v = values.apply(param.name());
            return v == null ? Truth.UNKNOWN : Truth.of(v.asBool());
        }

        @Override
        public void check(Map<String, ParamType> types) throws ConstraintException {
            ParamType t = param.type(types);
            if (t != ParamType.BOOL) {
                throw new ConstraintException(param.offset(), "'" + param.name() + "' is " + article(t)
                        + ", not a bool: compare it, as in " + param.name() + " == " + example(t));
            }
        }

        @Override
        public void names(Set<String> out) {
            out.add(param.name());
        }
    }

    /** {@code left op right}. */
    record Compare(Operand left, Token.Kind op, int opOffset, Operand right) implements Expr {
        @Override
        public Truth test(Function<String, Value> values) {
            Value a = left.value(values);
            Value b = right.value(values);
            if (a == null || b == null) {
                return Truth.UNKNOWN;
            }
            return Truth.of(switch (op) {
                case EQ -> a.equals(b);
                case NE -> !a.equals(b);
                case LT -> a.asLong() < b.asLong();
                case LE -> a.asLong() <= b.asLong();
                case GT -> a.asLong() > b.asLong();
                case GE -> a.asLong() >= b.asLong();
                default -> throw new IllegalStateException("not a comparison: " + op);
            });
        }

        @Override
        public void check(Map<String, ParamType> types) throws ConstraintException {
            ParamType a = left.type(types);
            ParamType b = right.type(types);
            if (a != b) {
                Operand literal = left instanceof Operand.Literal ? left : right;
                Operand param = left instanceof Operand.Literal ? right : left;
                throw new ConstraintException(literal.offset(), "cannot compare " + describe(left, a) + " with "
                        + describe(right, b) + (param instanceof Operand.Param p && literal instanceof Operand.Literal
                        ? "; " + p.name() + " takes values like " + example(types.get(p.name())) : ""));
            }
            if (op != Token.Kind.EQ && op != Token.Kind.NE && a != ParamType.INT) {
                throw new ConstraintException(opOffset, "'" + Operators.text(op) + "' orders ints only; "
                        + describe(left, a) + " is " + article(a) + ": use == or !=");
            }
        }

        @Override
        public void names(Set<String> out) {
            left.names(out);
            right.names(out);
        }
    }

    private static String describe(Operand o, ParamType t) {
        return (o instanceof Operand.Param p ? "'" + p.name() + "'" : ((Operand.Literal) o).shown()) + " ("
                + t.jsonName() + ")";
    }

    private static String article(ParamType t) {
        return t == ParamType.INT ? "an int" : "a " + t.jsonName();
    }

    private static String example(ParamType t) {
        return switch (t) {
            case BOOL -> "true";
            case INT -> "4";
            case STR -> "'text' (quoted)";
        };
    }

    /** The printed form of comparison operators. */
    final class Operators {
        private Operators() {
        }

        static String text(Token.Kind k) {
            return switch (k) {
                case EQ -> "==";
                case NE -> "!=";
                case LT -> "<";
                case LE -> "<=";
                case GT -> ">";
                case GE -> ">=";
                default -> k.name();
            };
        }
    }
}
