package org.migcert.model.constraint;

import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.migcert.model.ParamType;
import org.migcert.model.Value;

/** One side of a comparison: a parameter or a literal. */
sealed interface Operand {
    int offset();

    /** Its value, or null for a parameter not chosen yet. */
    Value value(Function<String, Value> values);

    ParamType type(Map<String, ParamType> types) throws ConstraintException;

    void names(Set<String> out);

    record Param(String name, int offset) implements Operand {
        @Override
        public Value value(Function<String, Value> values) {
            return values.apply(name);
        }

        @Override
        public ParamType type(Map<String, ParamType> types) throws ConstraintException {
            ParamType t = types.get(name);
            if (t == null) {
                throw new ConstraintException(offset, "unknown parameter '" + name + "'", name);
            }
            return t;
        }

        @Override
        public void names(Set<String> out) {
            out.add(name);
        }
    }

    record Literal(Value literal, int offset) implements Operand {
        @Override
        public Value value(Function<String, Value> values) {
            return literal;
        }

        @Override
        public ParamType type(Map<String, ParamType> types) {
            return literal.type();
        }

        @Override
        public void names(Set<String> out) {
        }

        String shown() {
            return literal.type() == ParamType.STR ? "'" + literal.text() + "'" : literal.text();
        }
    }
}
