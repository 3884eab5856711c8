package dev.notify.examples.notifications.admin;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 password hashes from the JDK, stored in Django's format
 * {@code pbkdf2_sha256$<iterations>$<salt>$<base64 hash>}, so hashes made by Django verify here
 * and the other way round.
 */
public final class PasswordHasher {
    /** Django 4.2's iteration count, and OWASP's 2023 advice for PBKDF2-HMAC-SHA256. */
    public static final int DEFAULT_ITERATIONS = 600_000;

    /** The shortest password {@link #problemWithPassword} accepts, as Django's validator. */
    public static final int MIN_PASSWORD_LENGTH = 8;

    private static final String ALGORITHM = "pbkdf2_sha256";
    private static final String SALT_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int iterations;

    /** A hasher with {@link #DEFAULT_ITERATIONS}. */
    public PasswordHasher() {
        this(DEFAULT_ITERATIONS);
    }

    /**
     * @param iterations PBKDF2 iterations for new hashes, at least 1000
     */
    public PasswordHasher(int iterations) {
        if (iterations < 1000) {
            throw new IllegalArgumentException("iterations must be >= 1000 but was " + iterations);
        }
        this.iterations = iterations;
    }

    /**
     * @param password a candidate password
     * @return {@code null} if acceptable, else why not
     */
    public static String problemWithPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            return "a password needs at least " + MIN_PASSWORD_LENGTH + " characters";
        }
        if (password.chars().allMatch(Character::isDigit)) {
            return "a password must not be entirely numeric";
        }
        return null;
    }

    /**
     * @param password the password
     * @return its hash with a new random salt
     */
    public String hash(String password) {
        StringBuilder salt = new StringBuilder(22);
        for (int i = 0; i < 22; i++) {
            salt.append(SALT_CHARS.charAt(RANDOM.nextInt(SALT_CHARS.length())));
        }
        return ALGORITHM + "$" + iterations + "$" + salt + "$" + derive(password, salt.toString(), iterations);
    }

    /**
     * Checks a password in constant time. A malformed hash never matches.
     *
     * @param password the password given
     * @param encoded a hash from {@link #hash}
     * @return whether they match
     */
    public boolean verify(String password, String encoded) {
        if (password.isEmpty()) {
            return false;
        }
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 4 || !ALGORITHM.equals(parts[0])) {
            return false;
        }
        int rounds;
        try {
            rounds = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (rounds < 1) {
            return false;
        }
        String expected = derive(password, parts[2], rounds);
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), parts[3].getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Spends the time of one verification, so that a login with an unknown user name takes as long
     * as one with a wrong password (Django does the same).
     *
     * @param password the password given
     */
    public void verifyNothing(String password) {
        derive(password, "timing-equaliser", iterations);
    }

    private static String derive(String password, String salt, int rounds) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), rounds, 256);
            try {
                byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
                return Base64.getEncoder().encodeToString(key);
            } finally {
                spec.clearPassword();
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has PBKDF2WithHmacSHA256", e);
        }
    }
}
