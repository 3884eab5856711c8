package dev.notify.redis.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Fernet tokens as Python's {@code cryptography.fernet.MultiFernet} makes and reads them, with the
 * keys channels_redis derives from its {@code symmetric_encryption_keys}: each secret becomes the
 * Fernet key {@code sha256(utf8(secret))} (signing key = first 16 bytes, AES-128 key = last 16).
 * Encrypts with the first key, decrypts with any. Built on the JDK's crypto only.
 *
 * <p>Token: urlsafe base64 (padded) of {@code 0x80 | timestamp(8, BE seconds) | IV(16) |
 * AES-128-CBC(PKCS7(plaintext)) | HMAC-SHA256(everything before)}.
 */
public final class Fernet {
    private static final int VERSION = 0x80;
    private static final long MAX_CLOCK_SKEW_SECONDS = 60;
    private static final int HEADER = 1 + 8 + 16;
    private static final int MAC_LENGTH = 32;

    private final List<Key> keys;
    private final SecureRandom random = new SecureRandom();

    private Fernet(List<Key> keys) {
        this.keys = keys;
    }

    /**
     * @param secrets the secrets, first used to encrypt; at least one
     * @return the multi-key Fernet
     * @throws IllegalArgumentException if there is no secret or one is empty
     */
    public static Fernet fromSecrets(List<String> secrets) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("symmetric encryption needs at least one key");
        }
        List<Key> keys = new ArrayList<>();
        for (String secret : secrets) {
            if (secret == null || secret.isEmpty()) {
                throw new IllegalArgumentException("symmetric encryption keys must not be empty");
            }
            keys.add(new Key(sha256(secret.getBytes(StandardCharsets.UTF_8))));
        }
        return new Fernet(List.copyOf(keys));
    }

    /**
     * @param plaintext the bytes to protect
     * @param nowSeconds the token timestamp, Unix seconds
     * @return the token as ASCII bytes
     */
    public byte[] encrypt(byte[] plaintext, long nowSeconds) {
        byte[] iv = new byte[16];
        random.nextBytes(iv);
        return encrypt(plaintext, nowSeconds, iv);
    }

    byte[] encrypt(byte[] plaintext, long nowSeconds, byte[] iv) {
        Key key = keys.get(0);
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, key.encryption, new IvParameterSpec(iv));
            byte[] ciphertext = cipher.doFinal(plaintext);
            ByteBuffer token = ByteBuffer.allocate(HEADER + ciphertext.length + MAC_LENGTH);
            token.put((byte) VERSION).putLong(nowSeconds).put(iv).put(ciphertext);
            token.put(key.mac(token.array(), HEADER + ciphertext.length));
            return Base64.getUrlEncoder().encode(token.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot do AES-128-CBC / HmacSHA256", e);
        }
    }

    /**
     * @param token a token as ASCII bytes
     * @param ttlSeconds the largest accepted age
     * @param nowSeconds the current time, Unix seconds
     * @return the plaintext
     * @throws InvalidTokenException if no key verifies the token, or it is too old or from the future
     */
    public byte[] decrypt(byte[] token, long ttlSeconds, long nowSeconds) {
        byte[] data;
        try {
            data = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            throw new InvalidTokenException("not urlsafe base64");
        }
        if (data.length < HEADER + 16 + MAC_LENGTH || (data[0] & 0xff) != VERSION
                || (data.length - HEADER - MAC_LENGTH) % 16 != 0) {
            throw new InvalidTokenException("not a Fernet token");
        }
        long timestamp = ByteBuffer.wrap(data, 1, 8).getLong();
        if (timestamp + ttlSeconds < nowSeconds) {
            throw new InvalidTokenException("token expired: made at " + timestamp + ", ttl " + ttlSeconds + " s");
        }
        if (nowSeconds + MAX_CLOCK_SKEW_SECONDS < timestamp) {
            throw new InvalidTokenException("token made " + (timestamp - nowSeconds) + " s in the future");
        }
        int macStart = data.length - MAC_LENGTH;
        byte[] mac = Arrays.copyOfRange(data, macStart, data.length);
        for (Key key : keys) {
            if (MessageDigest.isEqual(mac, key.mac(data, macStart))) {
                try {
                    Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
                    cipher.init(Cipher.DECRYPT_MODE, key.encryption, new IvParameterSpec(data, 9, 16));
                    return cipher.doFinal(data, HEADER, macStart - HEADER);
                } catch (GeneralSecurityException e) {
                    throw new InvalidTokenException("bad padding in an authenticated token");
                }
            }
        }
        throw new InvalidTokenException("no key matches the token's signature");
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** One Fernet key: 16 bytes to sign, 16 to encrypt. */
    private static final class Key {
        private final SecretKeySpec signing;
        private final SecretKeySpec encryption;

        Key(byte[] fernetKey) {
            this.signing = new SecretKeySpec(fernetKey, 0, 16, "HmacSHA256");
            this.encryption = new SecretKeySpec(fernetKey, 16, 16, "AES");
        }

        byte[] mac(byte[] data, int length) {
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(signing);
                mac.update(data, 0, length);
                return mac.doFinal();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK cannot do HmacSHA256", e);
            }
        }
    }

    /** A token that is malformed, forged, signed with an unknown key, or outside its time window. */
    public static final class InvalidTokenException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidTokenException(String message) {
            super(message);
        }
    }
}
