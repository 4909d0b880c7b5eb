package org.migcert.model.constraint;

/** One word of a constraint: its kind, its text and where it starts in the constraint. */
record Token(Kind kind, String text, int offset) {
    enum Kind {
        NAME, INT, STRING, TRUE, FALSE, AND, OR, NOT, LPAREN, RPAREN, EQ, NE, LT, LE, GT, GE, END;

        boolean comparison() {
            return this == EQ || this == NE || this == LT || this == LE || this == GT || this == GE;
        }
    }

    /** How an error names the token. */
    String shown() {
        return kind == Kind.END ? "the end" : "'" + text + "'";
    }
}
