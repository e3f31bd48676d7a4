package org.printscout.rollout.internal;

import org.printscout.api.rollout.DesiredArtifact;

/** One portal-managed artifact of an installed set; its bytes are {@code store/SHA256}. */
record Installed(String kind, String name, String symbolicName, String version, String sha256, long size) {

    static Installed of(DesiredArtifact artifact) {
        return new Installed(artifact.kind(), artifact.name(), artifact.symbolicName(), artifact.version(), artifact.sha256(), artifact.size());
    }

    boolean bundle() {
        return DesiredArtifact.BUNDLE.equals(kind);
    }

    /** The file name in the deploy folder that the declarative mapper reads. */
    String mappingFile() {
        return symbolicName + ".mapping.xml";
    }
}
