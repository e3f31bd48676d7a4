package org.printscout.portal.server.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password and secret hashing with the JDK only.
 *
 * <p>User passwords: PBKDF2-HMAC-SHA256, 600 000 iterations (OWASP's 2023 figure), 16-byte random
 * salt, 32-byte hash, stored as {@code pbkdf2-sha256$ITERATIONS$SALT$HASH} (Base64), so the
 * iteration count can grow without invalidating stored hashes. Agent secrets and activation keys are
 * 256-bit random values, which a slow hash does not make any stronger: they are stored as plain
 * SHA-256. Comparisons are constant-time.
 */
final class Passwords {

    static final int ITERATIONS = 600_000;
    /** Shortest password a person may set (NIST SP 800-63B asks for at least 8; a portal with customers' data asks for more). */
    static final int MIN_LENGTH = 12;
    /** Longest: PBKDF2 hashes any length, but a megabyte "password" is a way to spend the portal's CPU. */
    static final int MAX_LENGTH = 200;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** Why a person may not have this password, or empty when they may. */
    static java.util.Optional<String> problem(String password) {
        if (password.length() < MIN_LENGTH) {
            return java.util.Optional.of("A password needs at least " + MIN_LENGTH + " characters.");
        }
        if (password.length() > MAX_LENGTH) {
            return java.util.Optional.of("A password may have at most " + MAX_LENGTH + " characters.");
        }
        if (password.isBlank()) {
            return java.util.Optional.of("A password cannot be only spaces.");
        }
        return java.util.Optional.empty();
    }

    static String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return "pbkdf2-sha256$" + ITERATIONS + "$" + Base64.getEncoder().encodeToString(salt) + "$"
                + Base64.getEncoder().encodeToString(pbkdf2(password, salt, ITERATIONS));
    }

    static boolean verify(char[] password, String stored) {
        String[] parts = stored.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            return false;
        }
        int iterations = Integer.parseInt(parts[1]);
        byte[] salt = Base64.getDecoder().decode(parts[2]);
        byte[] expected = Base64.getDecoder().decode(parts[3]);
        return MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations));
    }

    private static byte[] pbkdf2(char[] password, byte[] salt, int iterations) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
            try {
                return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks PBKDF2WithHmacSHA256", e);
        }
    }

    /** A new random secret: 256 bits, URL-safe text. */
    static String newSecret() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean sameSha256(String text, String storedHex) {
        return MessageDigest.isEqual(sha256(text).getBytes(StandardCharsets.US_ASCII), storedHex.getBytes(StandardCharsets.US_ASCII));
    }
}
