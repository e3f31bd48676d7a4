package org.printscout.rollout.internal;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * What a dealer's signature covers (docs/rollout.md): the UTF-8 of the lines {@code printscout-artifact-1},
 * kind, symbolic name, version, SHA-256 (lower-case hex) and size, each ending in a newline. The file
 * name is not signed: renaming an artifact changes nothing of what it is.
 */
record SignedFields(String kind, String symbolicName, String version, String sha256, long size) {

    static final String MAGIC = "printscout-artifact-1";
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** A symbolic name or mapping name: no line breaks, no path separators. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,200}");

    /** Why these fields cannot be signed or checked, or null when they are well formed. */
    String malformed() {
        if (!"bundle".equals(kind) && !"mapping".equals(kind)) {
            return "kind '" + kind + "' is neither bundle nor mapping";
        }
        if (symbolicName == null || !NAME.matcher(symbolicName).matches()) {
            return "symbolic name '" + symbolicName + "' is not a name (letters, digits, '.', '_', '-')";
        }
        if (version == null || !ArtifactVersion.valid(version)) {
            return "version '" + version + "' is not an OSGi version";
        }
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            return "sha256 is not 64 lower-case hex digits";
        }
        if (size < 0) {
            return "size " + size + " is negative";
        }
        return null;
    }

    byte[] bytes() {
        return (MAGIC + "\n" + kind + "\n" + symbolicName + "\n" + version + "\n" + sha256 + "\n" + size + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
