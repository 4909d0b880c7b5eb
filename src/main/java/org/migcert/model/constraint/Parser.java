package org.migcert.model.constraint;

import java.util.List;
import org.migcert.model.Value;

/**
 * Recursive descent over the constraint grammar, loosest first:
 * <pre>
 * expr    := and ('or' and)*
 * and     := unary ('and' unary)*
 * unary   := 'not' unary | '(' expr ')' | operand (op operand)?
 * operand := name | int | string | true | false       op := == | != | &lt; | &lt;= | &gt; | &gt;=
 * </pre>
 * A name or bool literal without a comparison stands for itself (a bool parameter, or a constant).
 */
final class Parser {
    /** Nesting deeper than this is a mistake, and would only risk the stack. */
    static final int MAX_DEPTH = 64;

    private final List<Token> tokens;
    private int at;
    private int depth;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    static Expr parse(String text) throws ConstraintException {
        Parser p = new Parser(Lexer.tokens(text));
        if (p.peek().kind() == Token.Kind.END) {
            throw new ConstraintException(0, "the constraint is empty; write a condition every configuration must"
                    + " meet, such as not (mtu == 9000 and queues == 4)");
        }
        Expr e = p.or();
        Token rest = p.peek();
        if (rest.kind() != Token.Kind.END) {
            throw new ConstraintException(rest.offset(), "unexpected " + rest.shown() + " after a complete condition;"
                    + " join conditions with and / or");
        }
        return e;
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token next() {
        return tokens.get(at++);
    }

    private Expr or() throws ConstraintException {
        Expr e = and();
        while (peek().kind() == Token.Kind.OR) {
            next();
            e = new Expr.Logic(e, false, and());
        }
        return e;
    }

    private Expr and() throws ConstraintException {
        Expr e = unary();
        while (peek().kind() == Token.Kind.AND) {
            next();
            e = new Expr.Logic(e, true, unary());
        }
        return e;
    }

    private Expr unary() throws ConstraintException {
        Token t = peek();
        if (++depth > MAX_DEPTH) {
            throw new ConstraintException(t.offset(), "nested more than " + MAX_DEPTH + " deep; simplify it");
        }
        try {
            if (t.kind() == Token.Kind.NOT) {
                next();
                return new Expr.Not(unary());
            }
            if (t.kind() == Token.Kind.LPAREN) {
                next();
                Expr inner = or();
                Token close = next();
                if (close.kind() != Token.Kind.RPAREN) {
                    throw new ConstraintException(close.offset(), "expected ')' to close the '(' at character "
                            + (t.offset() + 1) + ", found " + close.shown());
                }
                return inner;
            }
            Operand left = operand();
            Token op = peek();
            if (!op.kind().comparison()) {
                if (startsOperand(op)) {
                    throw new ConstraintException(op.offset(), "expected a comparison (==, !=, <, <=, >, >=) between "
                            + t.shown() + " and " + op.shown());
                }
                if (left instanceof Operand.Param p) {
                    return new Expr.Flag(p);
                }
                if (t.kind() == Token.Kind.TRUE || t.kind() == Token.Kind.FALSE) {
                    return new Expr.Constant(t.kind() == Token.Kind.TRUE);
                }
                throw new ConstraintException(op.offset(), "expected a comparison (==, !=, <, <=, >, >=) after "
                        + t.shown() + ", found " + op.shown());
            }
            next();
            Operand right = operand();
            return new Expr.Compare(left, op.kind(), op.offset(), right);
        } finally {
            depth--;
        }
    }

    private static boolean startsOperand(Token t) {
        return switch (t.kind()) {
            case NAME, INT, STRING, TRUE, FALSE -> true;
            default -> false;
        };
    }

    private Operand operand() throws ConstraintException {
        Token t = next();
        switch (t.kind()) {
            case NAME:
                return new Operand.Param(t.text(), t.offset());
            case INT:
                try {
                    return new Operand.Literal(Value.integer(Long.parseLong(t.text())), t.offset());
                } catch (NumberFormatException e) {
                    throw new ConstraintException(t.offset(), "'" + t.text() + "' does not fit a 64-bit int");
                }
            case STRING:
                return new Operand.Literal(Value.str(t.text()), t.offset());
            case TRUE:
            case FALSE:
                return new Operand.Literal(Value.bool(t.kind() == Token.Kind.TRUE), t.offset());
            default:
                throw new ConstraintException(t.offset(), "expected a parameter name, a value or '(', found "
                        + t.shown());
        }
    }
}
