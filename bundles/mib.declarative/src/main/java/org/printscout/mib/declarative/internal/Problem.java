package org.printscout.mib.declarative.internal;

/**
 * One thing wrong with a mapping file, where it is: what a dealer needs to fix it without guessing.
 *
 * @param source the file (or bundle entry) the mapping came from
 * @param line 1-based line, 0 when the problem concerns the whole file
 * @param column 1-based column, 0 when unknown
 * @param message what is wrong, in words
 */
public record Problem(String source, int line, int column, String message) {

    @Override
    public String toString() {
        if (line <= 0) {
            return source + ": " + message;
        }
        return source + ":" + line + (column > 0 ? ":" + column : "") + ": " + message;
    }
}
