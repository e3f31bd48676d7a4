package org.printscout.api.rollout;

/**
 * One artifact the portal wants on this agent, as its site configuration lists it: the signed fields
 * ({@code kind}, {@code symbolicName}, {@code version}, {@code sha256}, {@code size}), the dealer key
 * that signed them and the signature. {@code name} is only a display and file name (it is not signed).
 *
 * @param kind {@code bundle} (an OSGi bundle jar) or {@code mapping} (a dealer {@code .mapping.xml} file)
 * @param sha256 the artifact's SHA-256, lower-case hex; it also names the artifact for the download
 * @param signature base64 Ed25519 signature over the signed lines (docs/rollout.md)
 */
public record DesiredArtifact(String kind, String name, String symbolicName, String version, String sha256, long size,
                              String keyId, String signature) {

    public static final String BUNDLE = "bundle";
    public static final String MAPPING = "mapping";
}
