package org.printscout.rollout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.rollout.DesiredArtifact;

class VerifierTest {

    @TempDir
    Path dir;

    private KeyPair dealer;
    private Verifier verifier;

    @BeforeEach
    void keys() throws Exception {
        dealer = Artifacts.key();
        verifier = new Verifier(DealerKeys.of(List.of(DealerKeys.line(dealer.getPublic(), "dealer")), "test"));
    }

    private Path write(byte[] content) throws Exception {
        Path file = dir.resolve("artifact-" + System.nanoTime());
        Files.write(file, content);
        return file;
    }

    @Test
    void aSignedBundleWhoseManifestMatchesIsAccepted() throws Exception {
        byte[] jar = Artifacts.bundle("org.printscout.mib.acme", "1.2.0");
        DesiredArtifact artifact = Artifacts.signed("bundle", "org.printscout.mib.acme", "1.2.0", jar, dealer);
        assertNull(verifier.refusal(artifact, write(jar), null));
        assertNull(verifier.refusal(artifact, write(jar), "1.1.9"), "an upgrade");
        assertNull(verifier.refusal(artifact, write(jar), "1.2.0"), "the same version");
    }

    @Test
    void oneChangedByteIsRefused() throws Exception {
        byte[] jar = Artifacts.bundle("org.printscout.mib.acme", "1.2.0");
        DesiredArtifact artifact = Artifacts.signed("bundle", "org.printscout.mib.acme", "1.2.0", jar, dealer);
        jar[jar.length / 2] ^= 1;
        String refusal = verifier.refusal(artifact, write(jar), null);
        assertTrue(refusal.contains("SHA-256") && refusal.contains("changed"), refusal);
    }

    @Test
    void changedSignedFieldsAreRefused() throws Exception {
        byte[] jar = Artifacts.bundle("org.printscout.mib.acme", "1.2.0");
        DesiredArtifact good = Artifacts.signed("bundle", "org.printscout.mib.acme", "1.2.0", jar, dealer);
        // a portal that claims a higher version for the same signature
        DesiredArtifact claimed = new DesiredArtifact("bundle", good.name(), good.symbolicName(), "9.0.0", good.sha256(), good.size(),
                good.keyId(), good.signature());
        String refusal = verifier.refusal(claimed, write(jar), null);
        assertTrue(refusal.startsWith("the signature does not verify"), refusal);
    }

    @Test
    void anUnsignedArtifactIsRefused() throws Exception {
        byte[] jar = Artifacts.bundle("org.printscout.mib.acme", "1.2.0");
        DesiredArtifact artifact = Artifacts.signed("bundle", "org.printscout.mib.acme", "1.2.0", jar, null);
        assertEquals("unsigned: the artifact carries no signature", verifier.refusal(artifact, write(jar), null));
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        byte[] jar = Artifacts.bundle("org.printscout.mib.acme", "1.2.0");
        KeyPair stranger = Artifacts.key();
        DesiredArtifact artifact = Artifacts.signed("bundle", "org.printscout.mib.acme", "1.2.0", jar, stranger);
        String refusal = verifier.refusal(artifact, write(jar), null);
        assertTrue(refusal.startsWith("signed with the unknown key " + DealerKeys.keyId(stranger.getPublic())), refusal);
        assertTrue(refusal.contains(DealerKeys.keyId(dealer.getPublic())), "names the keys it trusts: " + refusal);

        // another key under the pinned key's id
        DesiredArtifact forged = Artifacts.signed("bundle", "org.printscout.mib.acme", "1.2.0", jar, stranger);
        forged = new DesiredArtifact("bundle", forged.name(), forged.symbolicName(), forged.version(), forged.sha256(), forged.size(),
                DealerKeys.keyId(dealer.getPublic()), forged.signature());
        assertTrue(verifier.refusal(forged, write(jar), null).startsWith("the signature does not verify"));
    }

    @Test
    void anOlderVersionThanTheInstalledOneIsADowngrade() throws Exception {
        byte[] jar = Artifacts.bundle("org.printscout.mib.acme", "1.2.0");
        DesiredArtifact artifact = Artifacts.signed("bundle", "org.printscout.mib.acme", "1.2.0", jar, dealer);
        assertEquals("downgrade: 1.2.0 is older than the installed 1.10.0", verifier.refusal(artifact, write(jar), "1.10.0"));
    }

    @Test
    void aManifestThatIsNotTheSignedNameOrVersionIsRefused() throws Exception {
        byte[] jar = Artifacts.bundle("org.printscout.mib.acme", "1.2.0");
        DesiredArtifact otherName = Artifacts.signed("bundle", "org.printscout.mib.other", "1.2.0", jar, dealer);
        assertEquals("the manifest's Bundle-SymbolicName org.printscout.mib.acme is not the signed org.printscout.mib.other",
                verifier.refusal(otherName, write(jar), null));
        DesiredArtifact otherVersion = Artifacts.signed("bundle", "org.printscout.mib.acme", "1.3.0", jar, dealer);
        assertEquals("the manifest's Bundle-Version 1.2.0 is not the signed 1.3.0", verifier.refusal(otherVersion, write(jar), null));
        byte[] notAJar = "<mapping/>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DesiredArtifact text = Artifacts.signed("bundle", "org.printscout.mib.acme", "1.2.0", notAJar, dealer);
        assertNotNull(verifier.refusal(text, write(notAJar), null));
    }

    @Test
    void aMappingFileIsCheckedByItsSignedFieldsOnly() throws Exception {
        byte[] mapping = "<mapping xmlns=\"urn:x\"/>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        DesiredArtifact artifact = Artifacts.signed("mapping", "acme-x100", "3", mapping, dealer);
        assertNull(verifier.refusal(artifact, write(mapping), "2"));
        assertEquals("downgrade: 3 is older than the installed 4", verifier.refusal(artifact, write(mapping), "4"));
    }

    @Test
    void malformedFieldsAreRefusedBeforeAnyCheck() throws Exception {
        DesiredArtifact path = new DesiredArtifact("bundle", "x", "../../etc/passwd", "1.0.0", "0".repeat(64), 1, "k", "s");
        assertTrue(verifier.refusal(path, write(new byte[1]), null).startsWith("symbolic name"));
        DesiredArtifact kind = new DesiredArtifact("script", "x", "x", "1.0.0", "0".repeat(64), 1, "k", "s");
        assertEquals("kind 'script' is neither bundle nor mapping", verifier.refusal(kind, write(new byte[1]), null));
    }

    @Test
    void versionsCompareAsOsgiVersions() {
        assertTrue(ArtifactVersion.parse("1.10").compareTo(ArtifactVersion.parse("1.9.9")) > 0);
        assertEquals(0, ArtifactVersion.parse("1").compareTo(ArtifactVersion.parse("1.0.0")));
        assertTrue(ArtifactVersion.parse("1.0.0.b").compareTo(ArtifactVersion.parse("1.0.0.a")) > 0);
        assertTrue(ArtifactVersion.parse("1.0.0").compareTo(ArtifactVersion.parse("1.0.0.a")) < 0);
    }
}
