package org.migcert.manifest;

import java.nio.file.Path;

/** Where a YAML node was written: file, 1-based line and column. Prints as {@code file:line:column}. */
record Position(Path file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
