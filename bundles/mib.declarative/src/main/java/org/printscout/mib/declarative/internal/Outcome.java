package org.printscout.mib.declarative.internal;

import java.util.Objects;

/**
 * What one rule got out of a snapshot: a value, or why there is none. The reason is what
 * scout:mapping-test shows a dealer for a field that stayed empty.
 */
record Outcome<T>(T value, String reason) {

    static <T> Outcome<T> of(T value) {
        return new Outcome<>(Objects.requireNonNull(value), null);
    }

    static <T> Outcome<T> missing(String reason) {
        return new Outcome<>(null, Objects.requireNonNull(reason));
    }

    boolean present() {
        return value != null;
    }
}
