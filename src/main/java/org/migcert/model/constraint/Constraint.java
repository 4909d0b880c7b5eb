package org.migcert.model.constraint;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.migcert.model.Configuration;
import org.migcert.model.ParamType;
import org.migcert.model.Truth;
import org.migcert.model.Value;

/**
 * A condition every configuration of a device must meet, as its manifest declares it: combinations
 * that are invalid by design, such as {@code not (mtu == 9000 and queues == 4)}. The language is
 * comparisons ({@code ==, !=, <, <=, >, >=}) of parameters with int, bool ({@code true/false} or
 * {@code on/off}) and quoted string literals, joined with {@code and}, {@code or}, {@code not} and
 * parentheses; nothing in it is ever executed.
 */
public final class Constraint {
    /** Longer text is not a constraint anyone means to write. */
    public static final int MAX_LENGTH = 1000;

    private final String text;
    private final Expr expr;
    private final Set<String> names;

    private Constraint(String text, Expr expr) {
        this.text = text;
        this.expr = expr;
        Set<String> n = new TreeSet<>();
        expr.names(n);
        this.names = Collections.unmodifiableSet(n);
    }

    /** Parses the text; the exception's offset says where it goes wrong. */
    public static Constraint parse(String text) throws ConstraintException {
        if (text.length() > MAX_LENGTH) {
            throw new ConstraintException(MAX_LENGTH, "longer than " + MAX_LENGTH + " characters; split it into"
                    + " several constraints");
        }
        return new Constraint(text, Parser.parse(text));
    }

    public String text() {
        return text;
    }

    /** The parameters it reads, sorted. */
    public Set<String> names() {
        return names;
    }

    /** Checks that every name is a parameter of {@code types} and every comparison is between values of one type. */
    public void check(Map<String, ParamType> types) throws ConstraintException {
        expr.check(types);
    }

    /** Whether a partly chosen configuration meets it; a parameter {@code values} gives null for is not chosen yet. */
    public Truth test(Function<String, Value> values) {
        return expr.test(values);
    }

    /** Whether a configuration meets it; a parameter it reads but the configuration lacks counts as not chosen. */
    public Truth test(Configuration c) {
        return expr.test(c::get);
    }

    @Override
    public String toString() {
        return text;
    }
}
