package dev.notify.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class FernetTest {
    // made by Python's cryptography 38: Fernet(urlsafe_b64encode(sha256(secret)))._encrypt_from_parts(msg, 1700000000, bytes(range(16)))
    private static final byte[] MSG = HexFormat.of().parseHex(
            "87a474797065a3782e79a16e01a166cb3ff8000000000000a162c4020001a46e6f6e65c0a16c9201a161a174c3");
    private static final String TOKEN_FIRST = "gAAAAABlU_EAAAECAwQFBgcICQoLDA0OD110iQ5Me8_xzKDaqW3qKBsB1DhMpe-TAf5s-tSbNc-p_aXmkrmCnOGZLLtqP3AFh5AeGF_KudoaGxkY_XpGLBKNlsdc1Lwx0SGu_AvKf2yJ";
    private static final String TOKEN_SECOND = "gAAAAABlU_EAAAECAwQFBgcICQoLDA0ODx32mx5w6OQl3bL6iuDY3033nTFw4qqfi0r-1OMm1GpCaXDdV2dhn1fHaHfUPwakFf-uHcePu4mP3iXl-X_Img8mIR3EKovIYCiMZUp58pOH";
    private static final long T = 1_700_000_000L;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void makesTheSameTokenAsPythonCryptography() {
        byte[] iv = new byte[16];
        for (int i = 0; i < 16; i++) {
            iv[i] = (byte) i;
        }
        assertThat(new String(Fernet.fromSecrets(List.of("first-secret")).encrypt(MSG, T, iv), StandardCharsets.US_ASCII))
                .isEqualTo(TOKEN_FIRST);
    }

    @Test
    void decryptsPythonTokensWithAnyKeyOfTheRotation() {
        Fernet rotated = Fernet.fromSecrets(List.of("second-secret", "first-secret"));
        assertThat(rotated.decrypt(ascii(TOKEN_FIRST), 70, T + 5)).isEqualTo(MSG);
        assertThat(rotated.decrypt(ascii(TOKEN_SECOND), 70, T + 5)).isEqualTo(MSG);
    }

    @Test
    void encryptsWithTheFirstKeyOnly() {
        Fernet rotated = Fernet.fromSecrets(List.of("second-secret", "first-secret"));
        byte[] token = rotated.encrypt(MSG, T);
        assertThat(Fernet.fromSecrets(List.of("second-secret")).decrypt(token, 70, T)).isEqualTo(MSG);
        assertThatThrownBy(() -> Fernet.fromSecrets(List.of("first-secret")).decrypt(token, 70, T))
                .isInstanceOf(Fernet.InvalidTokenException.class)
                .hasMessageContaining("no key");
    }

    @Test
    void refusesExpiredFutureTamperedAndGarbageTokens() {
        Fernet fernet = Fernet.fromSecrets(List.of("first-secret"));
        assertThatThrownBy(() -> fernet.decrypt(ascii(TOKEN_FIRST), 70, T + 71))
                .isInstanceOf(Fernet.InvalidTokenException.class).hasMessageContaining("expired");
        assertThatThrownBy(() -> fernet.decrypt(ascii(TOKEN_FIRST), 70, T - 61))
                .isInstanceOf(Fernet.InvalidTokenException.class).hasMessageContaining("future");
        byte[] tampered = ascii(TOKEN_FIRST);
        tampered[40] = (byte) (tampered[40] == 'A' ? 'B' : 'A');
        assertThatThrownBy(() -> fernet.decrypt(tampered, 70, T))
                .isInstanceOf(Fernet.InvalidTokenException.class);
        assertThatThrownBy(() -> fernet.decrypt(ascii("not a token at all"), 70, T))
                .isInstanceOf(Fernet.InvalidTokenException.class);
        assertThatThrownBy(() -> fernet.decrypt(ascii("gAAAAA"), 70, T))
                .isInstanceOf(Fernet.InvalidTokenException.class);
    }

    @Test
    void refusesAnEmptyKeyList() {
        assertThatThrownBy(() -> Fernet.fromSecrets(List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fernet.fromSecrets(List.of(""))).isInstanceOf(IllegalArgumentException.class);
    }
}
