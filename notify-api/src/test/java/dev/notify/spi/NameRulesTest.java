package dev.notify.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class NameRulesTest {

    @Test
    void acceptsChannelsNames() {
        assertThat(NameRules.requireChannel("specific.abc!def")).isEqualTo("specific.abc!def");
        assertThat(NameRules.requireChannel("thumbnails-generate")).isEqualTo("thumbnails-generate");
        assertThat(NameRules.requireChannel("specific.abc!")).isEqualTo("specific.abc!");
        assertThat(NameRules.requireGroup("test_consumer_group")).isEqualTo("test_consumer_group");
    }

    @Test
    void refusesBadNamesShowingNameAndRule() {
        assertThatThrownBy(() -> NameRules.requireChannel("a b")).hasMessageContaining("'a b'").hasMessageContaining(NameRules.CHANNEL_RULE);
        assertThatThrownBy(() -> NameRules.requireGroup("g!x")).hasMessageContaining("'g!x'").hasMessageContaining(NameRules.GROUP_RULE);
        assertThatThrownBy(() -> NameRules.requireGroup("é")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NameRules.requireChannel("x".repeat(100))).hasMessageContaining("shorter than 100");
        assertThat(NameRules.requireChannel("x".repeat(99))).hasSize(99);
        assertThatThrownBy(() -> NameRules.requireChannel(null)).hasMessageContaining("null");
    }

    @Test
    void agreesWithChannelsRegexes() {
        java.util.regex.Pattern channel = java.util.regex.Pattern.compile(NameRules.CHANNEL_RULE);
        java.util.regex.Pattern group = java.util.regex.Pattern.compile(NameRules.GROUP_RULE);
        for (String name : new String[] {"a", "a.b-c_d", "a!", "a!b", "!b", "a!b!c", "a b", "", "a!b c", "-", ".!.", "ä", "a!ä", "a/b"}) {
            boolean channelOk = channel.matcher(name).matches();
            boolean groupOk = group.matcher(name).matches();
            if (channelOk) {
                assertThat(NameRules.requireChannel(name)).isEqualTo(name);
            } else {
                assertThatThrownBy(() -> NameRules.requireChannel(name)).as(name).isInstanceOf(IllegalArgumentException.class);
            }
            if (groupOk) {
                assertThat(NameRules.requireGroup(name)).isEqualTo(name);
            } else {
                assertThatThrownBy(() -> NameRules.requireGroup(name)).as(name).isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void splitsProcessSpecificNames() {
        assertThat(NameRules.isProcessSpecific("specific.p!l")).isTrue();
        assertThat(NameRules.isProcessSpecific("worker")).isFalse();
        assertThat(NameRules.nonLocalPart("specific.p!l")).isEqualTo("specific.p!");
        assertThat(NameRules.nonLocalPart("worker")).isEqualTo("worker");
    }
}
