package dev.notify.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ScopeTest {
    private final Scope scope = Scope.builder(Scope.Type.WEBSOCKET, "/ws/chat/lobby/")
            .header("Host", "127.0.0.1:8000")
            .header("Accept-Language", "fr")
            .header("accept-language", "en")
            .cookie("sessionid", "abc")
            .query("a=1&a=2", Map.of("a", List.of("1", "2")))
            .subprotocols(List.of("v1"))
            .build();

    @Test
    void headersAreCaseInsensitiveAndKeepEveryValue() {
        assertThat(scope.header("HOST")).contains("127.0.0.1:8000");
        assertThat(scope.header("accept-language")).contains("fr");
        assertThat(scope.header("missing")).isEmpty();
        assertThat(scope.headers().get("ACCEPT-LANGUAGE")).containsExactly("fr", "en");
        assertThat(scope.headers()).hasSize(2);
        assertThatThrownBy(() -> scope.headers().put("x", List.of())).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void routeParametersMakeACopyThatSharesTheRestAndTheAttributes() {
        Scope routed = scope.withRouteParameters(Map.of("room", "lobby"));
        assertThat(routed.routeParameter("room")).isEqualTo("lobby");
        assertThat(routed.header("host")).contains("127.0.0.1:8000");
        assertThat(routed.queryParameter("a")).contains("1");
        assertThat(routed.cookies()).containsEntry("sessionid", "abc");
        routed.attributes().put(Scope.USER, "ann");
        assertThat(scope.user()).contains("ann");
        assertThatThrownBy(() -> scope.routeParameter("room")).hasMessageContaining("no route parameter 'room'");
    }

    @Test
    void toBuilderKeepsTheValues() {
        Scope copy = scope.toBuilder().header("X-Extra", "1").build();
        assertThat(copy.headers().get("accept-language")).containsExactly("fr", "en");
        assertThat(copy.header("x-extra")).contains("1");
        assertThat(copy.subprotocols()).containsExactly("v1");
        assertThat(copy.attributes()).isEmpty();
    }
}
