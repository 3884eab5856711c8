package dev.notify.core.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class PathTemplateTest {

    @Test
    void capturesNamedSegments() {
        PathTemplate t = PathTemplate.parse("/ws/chat/{room}/");
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
    void refusesMalformedTemplates() {
        assertThatThrownBy(() -> PathTemplate.parse("no/slash")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathTemplate.parse("/{a}/{a}")).hasMessageContaining("twice");
        assertThatThrownBy(() -> PathTemplate.parse("/{rest*}/x")).hasMessageContaining("must end");
        assertThatThrownBy(() -> PathTemplate.parse("/{bad-name}")).isInstanceOf(IllegalArgumentException.class);
    }
}
