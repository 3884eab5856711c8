package dev.notify.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PathTemplateTest {

    @Test
    void capturesNamedSegments() {
        PathTemplate t = PathTemplate.parse("/ws/chat/{room}/");
        assertThat(PathTemplate.parse("/ws/chat/{room:str}/").match("/ws/chat/lobby/")).contains(Map.of("room", "lobby"));
        assertThat(t.match("/ws/chat/lobby/")).contains(Map.of("room", "lobby"));
        assertThat(t.match("/ws/chat/lobby")).isEmpty();
        assertThat(t.match("/ws/chat/a/b/")).isEmpty();
        assertThat(t.match("/ws/chat//")).isEmpty();
    }

    @Test
    void restParameterTakesSlashes() {
        PathTemplate t = PathTemplate.parse("/static/{path*}");
        assertThat(t.match("/static/css/site.css")).contains(Map.of("path", "css/site.css"));
    }

    @Test
    void literalPartsAreNotRegexes() {
        PathTemplate t = PathTemplate.parse("/a.b/{id}");
        assertThat(t.match("/aXb/1")).isEmpty();
        assertThat(t.match("/a.b/1")).contains(Map.of("id", "1"));
    }

    @Test
    void intGivesALongAndRefusesWhatIsNotOne() {
        PathTemplate t = PathTemplate.parse("/items/{id:int}/");
        assertThat(t.match("/items/42/")).contains(Map.of("id", 42L));
        assertThat(t.match("/items/007/")).contains(Map.of("id", 7L));
        for (String bad : List.of("/items/4a/", "/items/-1/", "/items/ 1/", "/items//", "/items/99999999999999999999/")) {
            assertThat(t.match(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void uuidGivesAUuidAndRefusesOtherSpellings() {
        PathTemplate t = PathTemplate.parse("/keys/{key:uuid}");
        UUID key = UUID.fromString("075194d3-6885-417e-a8a8-6c931e272f00");
        assertThat(t.match("/keys/075194d3-6885-417e-a8a8-6c931e272f00")).contains(Map.of("key", key));
        assertThat(t.match("/keys/075194D3-6885-417E-A8A8-6C931E272F00")).isEmpty();
        assertThat(t.match("/keys/075194d36885417ea8a86c931e272f00")).isEmpty();
        assertThat(t.match("/keys/not-a-uuid")).isEmpty();
    }

    @Test
    void slugTakesLettersDigitsDashesAndUnderscoresOnly() {
        PathTemplate t = PathTemplate.parse("/rooms/{name:slug}/");
        assertThat(t.match("/rooms/general-chat_2/")).contains(Map.of("name", "general-chat_2"));
        for (String bad : List.of("/rooms/a b/", "/rooms/héllo/", "/rooms/a.b/", "/rooms/a/b/")) {
            assertThat(t.match(bad)).as(bad).isEmpty();
        }
    }

    @Test
    void pathAndRestTakeSlashes() {
        assertThat(PathTemplate.parse("/files/{file:path}").match("/files/a/b.txt")).contains(Map.of("file", "a/b.txt"));
        assertThat(PathTemplate.parse("/files/{file:path}").match("/files/")).isEmpty();
        assertThat(PathTemplate.parse("/files/{file*}").match("/files/")).contains(Map.of("file", ""));
    }

    @Test
    void aRegularExpressionMayHoldBracesAndGroups() {
        PathTemplate t = PathTemplate.parse("/archive/{year:[0-9]{4}}/{code:([A-Z]{2})\\d}/");
        assertThat(t.match("/archive/2024/AB7/")).contains(Map.of("year", "2024", "code", "AB7"));
        assertThat(t.match("/archive/24/AB7/")).isEmpty();
        assertThat(t.match("/archive/2024/ab7/")).isEmpty();
        assertThat(t.parameterNames()).containsExactly("year", "code");
    }

    @Test
    void refusesMalformedTemplates() {
        assertThatThrownBy(() -> PathTemplate.parse("/{a")).hasMessageContaining("'{' without '}'");
        assertThatThrownBy(() -> PathTemplate.parse("/a}")).hasMessageContaining("'}' without '{'");
        assertThatThrownBy(() -> PathTemplate.parse("/{a:[0-9}")).hasMessageContaining("'[0-9' is neither a converter");
        assertThatThrownBy(() -> PathTemplate.parse("/{a:(}")).hasMessageContaining("is neither a converter");
        assertThatThrownBy(() -> PathTemplate.parse("no/slash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/{a}/{a}")).hasMessageContaining("twice");
        assertThatThrownBy(() -> PathTemplate.parse("/{rest*}/x")).hasMessageContaining("must end");
        assertThatThrownBy(() -> PathTemplate.parse("/{bad-name}")).isInstanceOf(IllegalArgumentException.class);
    }
}
