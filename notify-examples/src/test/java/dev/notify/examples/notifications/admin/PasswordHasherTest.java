package dev.notify.examples.notifications.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class PasswordHasherTest {
    private final PasswordHasher hasher = new PasswordHasher(1000);

    @Test
    void hashesInDjangosFormatAndVerifies() {
        String hash = hasher.hash("correct horse battery");

        assertThat(hash).matches("pbkdf2_sha256\\$1000\\$[A-Za-z0-9]{22}\\$[A-Za-z0-9+/]{43}=");
        assertThat(hasher.verify("correct horse battery", hash)).isTrue();
        assertThat(hasher.verify("correct horse batterY", hash)).isFalse();
        assertThat(hasher.verify("", hash)).isFalse();
    }

    @Test
    void saltsEveryHash() {
        assertThat(hasher.hash("same password")).isNotEqualTo(hasher.hash("same password"));
    }

    @Test
    void verifiesHashesMadeByPythonsPbkdf2AsDjangoStoresThem() {
        // base64(hashlib.pbkdf2_hmac('sha256', password.encode(), salt.encode(), 1000, 32)), Django's recipe
        assertThat(hasher.verify("correct horse battery",
                "pbkdf2_sha256$1000$DjangoSalt123$ijngF+FjHaMRqt9YTm7BHFBAO3zINIO290d+k/Wmb7I=")).isTrue();
        assertThat(hasher.verify("pässwörd",
                "pbkdf2_sha256$1000$abc$JTvekC3T1IpFFB/Z8nj7mJDjegx/lxAWVvxvY8IKG5Y=")).isTrue();
    }

    @Test
    void verifiesWithTheIterationCountStoredInTheHash() {
        String strong = new PasswordHasher(2000).hash("a long password");

        assertThat(hasher.verify("a long password", strong)).isTrue();
    }

    @Test
    void malformedHashesNeverMatch() {
        assertThat(hasher.verify("x", "")).isFalse();
        assertThat(hasher.verify("x", "md5$1$a$b")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2_sha256$lots$a$b")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2_sha256$0$a$b")).isFalse();
        assertThat(hasher.verify("x", "pbkdf2_sha256$1000$a")).isFalse();
    }

    @Test
    void defaultsToDjangos600000Iterations() {
        assertThat(new PasswordHasher().hash("a long password")).startsWith("pbkdf2_sha256$600000$");
    }

    @Test
    void refusesTooFewIterations() {
        assertThatThrownBy(() -> new PasswordHasher(999))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("iterations must be >= 1000 but was 999");
    }

    @Test
    void judgesPasswordsLikeDjangosBasicValidators() {
        assertThat(PasswordHasher.problemWithPassword("short")).contains("at least 8 characters");
        assertThat(PasswordHasher.problemWithPassword("1234567890")).contains("entirely numeric");
        assertThat(PasswordHasher.problemWithPassword("long enough")).isNull();
    }
}
