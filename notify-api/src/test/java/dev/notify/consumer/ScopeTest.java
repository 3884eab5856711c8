package dev.notify.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.auth.User;
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
        User ann = () -> "ann";
        routed.set(Scope.USER, ann);
        assertThat(scope.user()).containsSame(ann);
        assertThatThrownBy(() -> scope.routeParameter("room")).hasMessageContaining("no route parameter 'room'");
    }

    @Test
    void typedAttributesReadBackOnlyWhatTheirTypeAllows() {
        record Staff(String id, boolean superuser) implements User {
        }
        Scope fresh = Scope.builder(Scope.Type.HTTP, "/").build();
        assertThat(fresh.user()).isEmpty();
        fresh.set(Scope.USER, new Staff("ann", true));
        assertThat(fresh.user(Staff.class)).hasValueSatisfying(s -> assertThat(s.superuser()).isTrue());
        fresh.attributes().put(Scope.SESSION.name(), "not a session");
        assertThat(fresh.session()).isEmpty();
        fresh.set(Scope.USER, null);
        assertThat(fresh.user()).isEmpty();
    }

    @Test
    void theSchemeSaysWhetherTheRequestIsSecure() {
        assertThat(scope.scheme()).isEqualTo("ws");
        assertThat(scope.secure()).isFalse();
        assertThat(scope.toBuilder().scheme("wss").build().secure()).isTrue();
        assertThat(Scope.builder(Scope.Type.HTTP, "/").build().scheme()).isEqualTo("http");
        assertThat(Scope.builder(Scope.Type.HTTP, "/").scheme("https").build().withRouteParameters(Map.of()).secure()).isTrue();
        assertThatThrownBy(() -> Scope.builder(Scope.Type.HTTP, "/").scheme("wss"))
                .hasMessage("the scheme of a HTTP scope is http or https but was 'wss'");
    }

    @Test
    void toBuilderKeepsTheValuesAndSharesTheAttributes() {
        Scope copy = scope.toBuilder().header("X-Extra", "1").build();
        assertThat(copy.headers().get("accept-language")).containsExactly("fr", "en");
        assertThat(copy.header("x-extra")).contains("1");
        assertThat(copy.subprotocols()).containsExactly("v1");
        scope.attributes().put("seen by", "an earlier middleware");
        assertThat(copy.attributes()).as("shared").containsEntry("seen by", "an earlier middleware");
    }
}
