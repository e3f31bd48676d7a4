package org.printscout.portal.server.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

import javax.sql.DataSource;

import org.osgi.framework.Version;

/**
 * Dealers' public signing keys and the catalogue of signed artifacts (docs/rollout.md). An upload is
 * streamed to a temporary file while its SHA-256 and size are taken (never held in memory), and is
 * stored only when its {@code .sig} verifies against a key of the dealer's, the digest and size match
 * the bytes, and, for a bundle, the jar's manifest names the signed symbolic name and version. The
 * bytes are kept in the database (BYTEA, like command files): every portal node serves them.
 */
final class ArtifactCatalogue {

    record KeyRow(long id, String keyId, String line, String comment, Instant added, String addedBy) {
    }

    record Artifact(long id, String kind, String name, String symbolicName, String version, String sha256, long size, String keyId,
                    String signature, Instant uploaded, String uploadedBy) {
    }

    /** Takes the stored bytes of an artifact. */
    @FunctionalInterface
    interface ContentReader {
        void read(InputStream content) throws IOException;
    }

    private static final String COLUMNS = "id, kind, name, symbolic_name, version, sha256, size_bytes, key_id, signature, uploaded, uploaded_by";

    private final DataSource dataSource;
    private final Clock clock;
    private final long maxBytes;
    private final Path workDirectory;

    ArtifactCatalogue(DataSource dataSource, Clock clock, long maxBytes, Path workDirectory) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.maxBytes = maxBytes;
        this.workDirectory = workDirectory;
    }

    long maxBytes() {
        return maxBytes;
    }

    // ---- keys --------------------------------------------------------------------------------------

    List<KeyRow> keys(String dealerId) throws SQLException {
        List<KeyRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT id, key_id, public_key, comment, added, added_by FROM dealer_key WHERE dealer_id = ? "
                     + "ORDER BY id")) {
            s.setString(1, dealerId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String comment = r.getString(4);
                    out.add(new KeyRow(r.getLong(1), r.getString(2), ArtifactSignature.KEY_PREFIX + " " + r.getString(3)
                            + (comment.isEmpty() ? "" : " " + comment), comment, r.getTimestamp(5).toInstant(), r.getString(6)));
                }
            }
        }
        return out;
    }

    /** Adds a dealer's public key line; refused with the reason when it is not one, or the dealer has it already. */
    KeyRow addKey(String dealerId, String line, String by) throws SQLException, ArtifactSignature.Refused {
        ArtifactSignature.DealerKey key = ArtifactSignature.parseKey(line);
        if (keys(dealerId).stream().anyMatch(k -> k.keyId().equals(key.keyId()))) {
            throw new ArtifactSignature.Refused("this dealer has the key " + key.keyId() + " already");
        }
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO dealer_key (dealer_id, key_id, public_key, comment, added, added_by) "
                     + "VALUES (?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
            s.setString(1, dealerId);
            s.setString(2, key.keyId());
            s.setString(3, key.base64());
            s.setString(4, key.comment());
            s.setTimestamp(5, Timestamp.from(now));
            s.setString(6, Sql.cut(by, 100));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new KeyRow(keys.getLong(1), key.keyId(), key.line(), key.comment(), now, by);
            }
        } catch (SQLException e) {
            if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new ArtifactSignature.Refused("this dealer has the key " + key.keyId() + " already");
            }
            throw e;
        }
    }

    boolean removeKey(String dealerId, long id) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("DELETE FROM dealer_key WHERE dealer_id = ? AND id = ?")) {
            s.setString(1, dealerId);
            s.setLong(2, id);
            return s.executeUpdate() == 1;
        }
    }

    /** The key lines an agent of this site pins at activation: its dealer's keys. */
    List<String> keyLinesOfSite(String siteId) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT k.public_key, k.comment FROM dealer_key k JOIN customer cu ON cu.dealer_id = k.dealer_id "
                     + "JOIN site si ON si.customer_id = cu.id WHERE si.id = ? ORDER BY k.id")) {
            s.setString(1, siteId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    String comment = r.getString(2);
                    out.add(ArtifactSignature.KEY_PREFIX + " " + r.getString(1) + (comment.isEmpty() ? "" : " " + comment));
                }
            }
        }
        return out;
    }

    // ---- artifacts ---------------------------------------------------------------------------------

    /**
     * Adds an artifact from its bytes (read to their end, at most {@link #maxBytes}) and its .sig file;
     * refused with the reason unless everything verifies. Nothing is stored when refused.
     */
    Artifact add(String dealerId, InputStream content, byte[] sig, String by) throws IOException, SQLException, ArtifactSignature.Refused {
        ArtifactSignature.Signed signed = ArtifactSignature.parseSignature(sig);
        Optional<ArtifactSignature.DealerKey> key = dealerKey(dealerId, signed.keyId());
        if (key.isEmpty()) {
            throw new ArtifactSignature.Refused("signed with key " + signed.keyId() + ", which is not one of this dealer's keys (add its .pub first)");
        }
        if (signed.size() > maxBytes) {
            throw new ArtifactSignature.Refused("the artifact is " + signed.size() + " bytes; the portal accepts at most " + maxBytes);
        }
        Files.createDirectories(workDirectory);
        Path file = Files.createTempFile(workDirectory, "artifact-", ".part");
        try {
            MessageDigest sha256 = sha256();
            long size = 0;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(file), sha256)) {
                byte[] buffer = new byte[64 * 1024];
                for (int n; (n = content.read(buffer)) >= 0; ) {
                    size += n;
                    if (size > maxBytes) {
                        throw new ArtifactSignature.Refused("the artifact is longer than the portal's limit of " + maxBytes + " bytes");
                    }
                    out.write(buffer, 0, n);
                }
            }
            String digest = ArtifactSignature.hex(sha256.digest());
            if (size != signed.size()) {
                throw new ArtifactSignature.Refused("the artifact is " + size + " bytes, the signature says " + signed.size() + " (a changed or cut file)");
            }
            if (!digest.equals(signed.sha256())) {
                throw new ArtifactSignature.Refused("the artifact's SHA-256 is " + digest + ", the signature says " + signed.sha256() + " (a changed byte)");
            }
            if (!ArtifactSignature.verifies(signed, key.get().key())) {
                throw new ArtifactSignature.Refused("the signature does not verify against key " + signed.keyId()
                        + " (wrong key, or a signed field was changed)");
            }
            if (signed.kind().equals("bundle")) {
                checkManifest(file, signed);
            } else if (!signed.name().endsWith(".mapping.xml")) {
                throw new ArtifactSignature.Refused("a mapping's name must end in .mapping.xml");
            }
            return insert(dealerId, signed, file, by);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static void checkManifest(Path file, ArtifactSignature.Signed signed) throws ArtifactSignature.Refused {
        Manifest manifest;
        try (JarFile jar = new JarFile(file.toFile(), false)) {
            manifest = jar.getManifest();
        } catch (IOException e) {
            throw new ArtifactSignature.Refused("a bundle must be a jar: " + e.getMessage());
        }
        Attributes main = manifest == null ? null : manifest.getMainAttributes();
        String bsn = main == null ? null : main.getValue("Bundle-SymbolicName");
        if (bsn == null) {
            throw new ArtifactSignature.Refused("the jar's manifest has no Bundle-SymbolicName: not an OSGi bundle");
        }
        bsn = bsn.split(";", 2)[0].strip();
        String version = main.getValue("Bundle-Version");
        if (!bsn.equals(signed.symbolicName())) {
            throw new ArtifactSignature.Refused("the jar's Bundle-SymbolicName is " + ArtifactSignature.printable(bsn) + ", the signature says "
                    + signed.symbolicName());
        }
        try {
            if (!Version.parseVersion(version == null ? "0.0.0" : version.strip()).equals(Version.parseVersion(signed.version()))) {
                throw new ArtifactSignature.Refused("the jar's Bundle-Version is " + ArtifactSignature.printable(String.valueOf(version))
                        + ", the signature says " + signed.version());
            }
        } catch (IllegalArgumentException e) {
            throw new ArtifactSignature.Refused("the jar's Bundle-Version " + ArtifactSignature.printable(version) + " is not a version");
        }
    }

    private Artifact insert(String dealerId, ArtifactSignature.Signed signed, Path file, String by) throws IOException, SQLException,
            ArtifactSignature.Refused {
        Instant now = clock.instant();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO artifact (dealer_id, kind, name, symbolic_name, version, sha256, size_bytes, key_id, "
                     + "signature, content, uploaded, uploaded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"});
             InputStream in = Files.newInputStream(file)) {
            s.setString(1, dealerId);
            s.setString(2, signed.kind());
            s.setString(3, signed.name());
            s.setString(4, signed.symbolicName());
            s.setString(5, signed.version());
            s.setString(6, signed.sha256());
            s.setLong(7, signed.size());
            s.setString(8, signed.keyId());
            s.setString(9, signed.signature());
            s.setBinaryStream(10, in, signed.size());
            s.setTimestamp(11, Timestamp.from(now));
            s.setString(12, Sql.cut(by, 100));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return new Artifact(keys.getLong(1), signed.kind(), signed.name(), signed.symbolicName(), signed.version(), signed.sha256(), signed.size(),
                        signed.keyId(), signed.signature(), now, by);
            }
        } catch (SQLException e) {
            if (Sql.UNIQUE_VIOLATION.equals(e.getSQLState())) {
                throw new ArtifactSignature.Refused("the catalogue has this artifact, or another " + signed.kind() + " " + signed.symbolicName() + " "
                        + signed.version() + ", already (a new build needs a new version)");
            }
            throw e;
        }
    }

    private Optional<ArtifactSignature.DealerKey> dealerKey(String dealerId, String keyId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT public_key, comment FROM dealer_key WHERE dealer_id = ? AND key_id = ?")) {
            s.setString(1, dealerId);
            s.setString(2, keyId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return Optional.empty();
                }
                return Optional.of(ArtifactSignature.parseKey(ArtifactSignature.KEY_PREFIX + " " + r.getString(1) + " " + r.getString(2)));
            }
        } catch (ArtifactSignature.Refused e) {
            throw new SQLException("a stored dealer key does not parse: " + e.getMessage(), e);
        }
    }

    List<Artifact> artifacts(String dealerId) throws SQLException {
        List<Artifact> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM artifact WHERE dealer_id = ? ORDER BY symbolic_name, id DESC")) {
            s.setString(1, dealerId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(artifact(r));
                }
            }
        }
        return out;
    }

    static Artifact artifact(ResultSet r) throws SQLException {
        return new Artifact(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getString(5), r.getString(6), r.getLong(7), r.getString(8),
                r.getString(9), r.getTimestamp(10).toInstant(), r.getString(11));
    }

    /**
     * The stored bytes of an artifact, read whole (one copy: pgjdbc decodes a BYTEA into one array
     * either way), so the connection goes back to the pool before a slow client is served; empty
     * when there is no such artifact. For artifacts up to {@link #IN_MEMORY} bytes; larger ones are
     * streamed with {@link #read}.
     */
    Optional<byte[]> content(long artifactId) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT content FROM artifact WHERE id = ?")) {
            s.setLong(1, artifactId);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getBytes(1)) : Optional.empty();
            }
        }
    }

    /** Largest artifact a download reads whole before answering (see {@link #content}). */
    static final long IN_MEMORY = 16L * 1024 * 1024;

    /** Hands the stored bytes of an artifact to {@code reader}; false when there is no such artifact. */
    boolean read(long artifactId, ContentReader reader) throws SQLException, IOException {
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement("SELECT content FROM artifact WHERE id = ?")) {
            s.setLong(1, artifactId);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return false;
                }
                try (InputStream in = r.getBinaryStream(1)) {
                    reader.read(in);
                }
                return true;
            }
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
