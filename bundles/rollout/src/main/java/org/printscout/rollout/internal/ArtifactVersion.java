package org.printscout.rollout.internal;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OSGi version (major[.minor[.micro[.qualifier]]]) compared as the framework compares them. Kept
 * here rather than taken from {@code org.osgi.framework.Version} because the signing CLI runs without
 * a framework.
 */
record ArtifactVersion(int major, int minor, int micro, String qualifier) implements Comparable<ArtifactVersion> {

    private static final Pattern SYNTAX = Pattern.compile("(\\d{1,9})(?:\\.(\\d{1,9})(?:\\.(\\d{1,9})(?:\\.([A-Za-z0-9_-]+))?)?)?");

    static boolean valid(String text) {
        return text != null && SYNTAX.matcher(text.strip()).matches();
    }

    static ArtifactVersion parse(String text) {
        Matcher m = SYNTAX.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not an OSGi version");
        }
        return new ArtifactVersion(Integer.parseInt(m.group(1)), m.group(2) == null ? 0 : Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), m.group(4) == null ? "" : m.group(4));
    }

    @Override
    public int compareTo(ArtifactVersion other) {
        int c = Integer.compare(major, other.major);
        if (c == 0) {
            c = Integer.compare(minor, other.minor);
        }
        if (c == 0) {
            c = Integer.compare(micro, other.micro);
        }
        return c != 0 ? c : qualifier.compareTo(other.qualifier);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + micro + (qualifier.isEmpty() ? "" : "." + qualifier);
    }
}
