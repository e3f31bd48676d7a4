package org.printscout.rollout.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.printscout.api.rollout.DesiredArtifact;

class SignCliTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out.reset();
        err.reset();
        return SignCli.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void keygenSignVerifyForABundleAndAMappingFile() throws Exception {
        String key = dir.resolve("dealer").toString();
        assertEquals(0, run("keygen", key), err());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("dealer.key"))));
        String pub = Files.readString(dir.resolve("dealer.pub")).strip();
        assertTrue(pub.startsWith("printscout-ed25519 ") && pub.endsWith(" dealer"), pub);
        assertEquals(2, run("keygen", key), "never overwrites a key");

        Path jar = dir.resolve("org.printscout.mib.acme-1.2.0.jar");
        Files.write(jar, Artifacts.bundle("org.printscout.mib.acme", "1.2.0"));
        assertEquals(0, run("--key", key + ".key", jar.toString()), err());
        DesiredArtifact sig = SignCli.read(Files.readString(dir.resolve("org.printscout.mib.acme-1.2.0.jar.sig")));
        assertEquals("bundle", sig.kind());
        assertEquals("org.printscout.mib.acme", sig.symbolicName());
        assertEquals("1.2.0", sig.version());
        assertEquals(Files.size(jar), sig.size());
        assertEquals(DealerKeys.keyId(DealerKeys.parse(pub, "")), sig.keyId());
        assertEquals(0, run("verify", "--pub", key + ".pub", jar.toString()), err());

        Path mapping = dir.resolve("acme-x100.mapping.xml");
        Files.writeString(mapping, "<mapping/>");
        assertEquals(2, run("--key", key + ".key", mapping.toString()));
        assertTrue(err().contains("--version"), err());
        assertEquals(0, run("--version", "3", "--key", key + ".key", mapping.toString()), err());
        DesiredArtifact mappingSig = SignCli.read(Files.readString(dir.resolve("acme-x100.mapping.xml.sig")));
        assertEquals(List.of("mapping", "acme-x100", "3"), List.of(mappingSig.kind(), mappingSig.symbolicName(), mappingSig.version()));
        assertEquals(0, run("verify", "--pub", key + ".pub", mapping.toString()), err());

        // one changed byte, another dealer's key, no signature
        Files.writeString(mapping, "<mapping/>\n");
        assertEquals(1, run("verify", "--pub", key + ".pub", mapping.toString()));
        assertTrue(err().contains("refused: size"), err());
        assertEquals(0, run("keygen", dir.resolve("other").toString()));
        assertEquals(1, run("verify", "--pub", dir.resolve("other.pub").toString(), jar.toString()));
        assertTrue(err().contains("unknown key"), err());
        Files.delete(dir.resolve("org.printscout.mib.acme-1.2.0.jar.sig"));
        assertEquals(1, run("verify", "--pub", key + ".pub", jar.toString()));
        assertTrue(err().contains("unsigned"), err());
    }

    @Test
    void theSignedBytesAreTheContractsLines() {
        SignedFields fields = new SignedFields("bundle", "org.printscout.mib.acme", "1.2.0", "ab".repeat(32), 12345);
        assertEquals("printscout-artifact-1\nbundle\norg.printscout.mib.acme\n1.2.0\n" + "ab".repeat(32) + "\n12345\n",
                new String(fields.bytes(), StandardCharsets.UTF_8));
    }
}
