package org.printscout.web.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The one administrator password of the box. None is shipped: until one is set (on the console with
 * {@code web:password}, or on the first-start page with the one-time code this object generates and the
 * agent logs), the UI shows nothing but the first-start page. Stored as a PBKDF2 hash with its salt
 * in a file readable by the agent's user only.
 */
final class AdminPassword {

    static final int MIN_LENGTH = 10;
    private static final int ITERATIONS = 120_000;
    private static final String CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private volatile String oneTimeCode;

    AdminPassword(Path file) {
        this.file = file;
        if (!isSet()) {
            StringBuilder code = new StringBuilder();
            for (int i = 0; i < 12; i++) {
                code.append(i == 4 || i == 8 ? "-" : "").append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
            }
            oneTimeCode = code.toString();
        }
    }

    boolean isSet() {
        return Files.isRegularFile(file);
    }

    /** The code that lets the first-start page set the password, while none is set. */
    Optional<String> oneTimeCode() {
        return Optional.ofNullable(oneTimeCode);
    }

    boolean oneTimeCodeMatches(String given) {
        String code = oneTimeCode;
        return code != null && given != null
                && MessageDigest.isEqual(code.getBytes(StandardCharsets.UTF_8), given.strip().toUpperCase().getBytes(StandardCharsets.UTF_8));
    }

    /** Sets the password; the one-time code is spent. */
    void set(String password) throws IOException {
        String problem = problem(password);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        byte[] salt = new byte[16];
        random.nextBytes(salt);
        String line = "pbkdf2-sha256:" + ITERATIONS + ":" + Base64.getEncoder().encodeToString(salt) + ":"
                + Base64.getEncoder().encodeToString(hash(password, salt, ITERATIONS)) + "\n";
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, line);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        oneTimeCode = null;
    }

    /** Why a password is refused, or null. */
    static String problem(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return "the password must have at least " + MIN_LENGTH + " characters";
        }
        if (password.length() > 200) {
            return "the password must have at most 200 characters";
        }
        return null;
    }

    boolean matches(String password) throws IOException {
        if (password == null || password.length() > 200 || !isSet()) {
            return false;
        }
        String[] parts = Files.readString(file).strip().split(":");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            throw new IOException(file + " is not a password hash this version knows");
        }
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, hash(password, Base64.getDecoder().decode(parts[2]), Integer.parseInt(parts[1])));
    }

    private static byte[] hash(String password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, 256);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this Java", e);
        }
    }
}
