package org.migcert.model.constraint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a constraint into tokens. A name starts with a letter and holds letters, digits, '-', '_'
 * and '.', as parameter names do ({@code rx-filter-size}); an int is decimal with an optional
 * leading '-'; a string is quoted with ' or " and has no escapes.
 */
final class Lexer {
    private Lexer() {
    }

    static List<Token> tokens(String text) throws ConstraintException {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c)) {
                int end = i;
                while (end < text.length() && nameChar(text.charAt(end))) {
                    end++;
                }
                out.add(word(text.substring(i, end), i));
                i = end;
            } else if (Character.isDigit(c) || (c == '-' && i + 1 < text.length() && Character.isDigit(text.charAt(i + 1)))) {
                int end = i + 1;
                while (end < text.length() && Character.isDigit(text.charAt(end))) {
                    end++;
                }
                if (end < text.length() && nameChar(text.charAt(end)) && !Character.isDigit(text.charAt(end))
                        && text.charAt(end) != '-') {
                    throw new ConstraintException(i, "'" + text.substring(i, end + 1) + "' is neither a number nor a"
                            + " parameter name (names start with a letter)");
                }
                out.add(new Token(Token.Kind.INT, text.substring(i, end), i));
                i = end;
            } else if (c == '\'' || c == '"') {
                int close = text.indexOf(c, i + 1);
                if (close < 0) {
                    throw new ConstraintException(i, "the string starting here has no closing " + c);
                }
                out.add(new Token(Token.Kind.STRING, text.substring(i + 1, close), i));
                i = close + 1;
            } else {
                Token op = operator(text, i);
                out.add(op);
                i += op.text().length();
            }
        }
        out.add(new Token(Token.Kind.END, "", text.length()));
        return out;
    }

    private static boolean nameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.';
    }

    private static Token word(String w, int at) {
        Token.Kind k = switch (w.toLowerCase(Locale.ROOT)) {
            case "and" -> Token.Kind.AND;
            case "or" -> Token.Kind.OR;
            case "not" -> Token.Kind.NOT;
            case "true", "on" -> Token.Kind.TRUE;
            case "false", "off" -> Token.Kind.FALSE;
            default -> Token.Kind.NAME;
        };
        return new Token(k, w, at);
    }

    private static Token operator(String text, int i) throws ConstraintException {
        String two = text.substring(i, Math.min(text.length(), i + 2));
        switch (two) {
            case "==":
                return new Token(Token.Kind.EQ, two, i);
            case "!=":
                return new Token(Token.Kind.NE, two, i);
            case "<=":
                return new Token(Token.Kind.LE, two, i);
            case ">=":
                return new Token(Token.Kind.GE, two, i);
            default:
                break;
        }
        char c = text.charAt(i);
        switch (c) {
            case '<':
                return new Token(Token.Kind.LT, "<", i);
            case '>':
                return new Token(Token.Kind.GT, ">", i);
            case '(':
                return new Token(Token.Kind.LPAREN, "(", i);
            case ')':
                return new Token(Token.Kind.RPAREN, ")", i);
            case '=':
                throw new ConstraintException(i, "'=' is not an operator; compare with '=='");
            case '!':
                throw new ConstraintException(i, "'!' is not an operator; write 'not' or '!='");
            case '&':
                throw new ConstraintException(i, "'" + c + "' is not an operator; write 'and'");
            case '|':
                throw new ConstraintException(i, "'" + c + "' is not an operator; write 'or'");
            default:
                throw new ConstraintException(i, "unexpected character '" + c + "'; a constraint holds parameter"
                        + " names, literals, ==, !=, <, <=, >, >=, and, or, not and parentheses");
        }
    }
}
