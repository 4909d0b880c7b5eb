package org.migcert.manifest;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.migcert.model.constraint.Constraint;
import org.migcert.model.constraint.ConstraintException;

/**
 * A constraint a manifest declares under {@code constraints:}, with where its text starts, so that
 * an error inside it names the line and column of the very character.
 */
public final class DeclaredConstraint {
    private final Constraint constraint;
    private final Position text;

    private DeclaredConstraint(Constraint constraint, Position text) {
        this.constraint = constraint;
        this.text = text;
    }

    /** Parses the constraint at {@code pointer}; a syntax error names its file, line and column. */
    static DeclaredConstraint read(LocatedYaml y, String pointer) throws ManifestException {
        if (!y.at(pointer).isTextual()) {
            throw y.error(pointer, "a constraint is a condition written as text, such as \"not (mtu == 9000 and"
                    + " queues == 4)\"");
        }
        Position at = textStart(y.position(pointer));
        try {
            return new DeclaredConstraint(Constraint.parse(y.at(pointer).asText()), at);
        } catch (ConstraintException e) {
            throw new ManifestException(shifted(at, e.offset()) + ": constraint '" + y.at(pointer).asText() + "': "
                    + e.getMessage());
        }
    }

    public Constraint constraint() {
        return constraint;
    }

    /** {@code file:line:column} of the constraint's text. */
    public String where() {
        return text.toString();
    }

    /** An error about the character at {@code offset} in the constraint's text. */
    public ManifestException error(int offset, String message) {
        return new ManifestException(shifted(text, offset) + ": constraint '" + constraint.text() + "': " + message);
    }

    /** An error about the whole constraint. */
    public ManifestException error(String message) {
        return error(0, message);
    }

    /** Where the text of a scalar starts: one column after its opening quote, if it has one. */
    private static Position textStart(Position scalar) {
        try {
            List<String> lines = Files.readAllLines(scalar.file());
            String line = scalar.line() - 1 < lines.size() ? lines.get(scalar.line() - 1) : "";
            char first = scalar.column() - 1 < line.length() ? line.charAt(scalar.column() - 1) : ' ';
            return first == '"' || first == '\'' ? new Position(scalar.file(), scalar.line(), scalar.column() + 1)
                    : scalar;
        } catch (IOException | RuntimeException e) {
            return scalar; // read a moment ago; if it cannot be read again, the scalar's own position still helps
        }
    }

    private static Position shifted(Position p, int offset) {
        return new Position(p.file(), p.line(), p.column() + offset);
    }

    @Override
    public String toString() {
        return constraint.text();
    }
}
