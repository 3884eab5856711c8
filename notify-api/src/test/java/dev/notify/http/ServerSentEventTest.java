package dev.notify.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.notify.consumer.Scope;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ServerSentEventTest {

    @Test
    void writesEveryFieldInOrderEndedByABlankLine() {
        ServerSentEvent event = ServerSentEvent.builder().data("{\"count\": 1}").id("7").event("notification")
                .retry(Duration.ofSeconds(3)).build();
        assertThat(event.frame()).isEqualTo("event: notification\nid: 7\nretry: 3000\ndata: {\"count\": 1}\n\n");
        assertThat(ServerSentEvent.data("x").frame()).isEqualTo("data: x\n\n");
        assertThat(ServerSentEvent.comment("heartbeat").frame()).isEqualTo(": heartbeat\n\n");
    }

    @Test
    void splitsMultiLineDataOnEveryKindOfLineBreak() {
        assertThat(ServerSentEvent.data("a\nb\r\nc\rd").frame()).isEqualTo("data: a\ndata: b\ndata: c\ndata: d\n\n");
        assertThat(ServerSentEvent.data("").frame()).isEqualTo("data:\n\n");
        assertThat(ServerSentEvent.data("end\n").frame()).isEqualTo("data: end\ndata:\n\n");
        assertThat(ServerSentEvent.data("\n\n").frame()).isEqualTo("data:\ndata:\ndata:\n\n");
        assertThat(ServerSentEvent.comment("one\ntwo").frame()).isEqualTo(": one\n: two\n\n");
    }

    /** What a browser's EventSource parser makes of a stream (the HTML standard's algorithm). */
    private static List<String[]> parse(String stream) {
        List<String[]> events = new ArrayList<>();
        StringBuilder data = new StringBuilder();
        String type = "";
        String id = "";
        boolean hasData = false;
        for (String line : stream.split("\r\n|\r|\n", -1)) {
            if (line.isEmpty()) {
                if (hasData) {
                    String d = data.toString();
                    events.add(new String[] {type, id, d.endsWith("\n") ? d.substring(0, d.length() - 1) : d});
                }
                data.setLength(0);
                type = "";
                hasData = false;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "data" -> {
                    data.append(value).append('\n');
                    hasData = true;
                }
                case "event" -> type = value;
                case "id" -> id = value;
                default -> { }
            }
        }
        return events;
    }

    @Test
    void anyDataReachesABrowserParserIntactWithItsIdAndType() {
        Random random = new Random(13);
        String alphabet = "ab: \n\r\u00e9\u2713data:id";
        for (int round = 0; round < 2000; round++) {
            StringBuilder text = new StringBuilder();
            int length = random.nextInt(12);
            for (int i = 0; i < length; i++) {
                text.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String data = text.toString();
            String frame = ServerSentEvent.builder().event("t" + round).id(Integer.toString(round)).data(data).build().frame()
                    + ServerSentEvent.comment("heartbeat").frame();
            List<String[]> events = parse(frame);
            assertThat(events).hasSize(1);
            // a browser reads CR LF and lone CR as LF
            assertThat(events.get(0)).containsExactly("t" + round, Integer.toString(round), data.replace("\r\n", "\n").replace('\r', '\n'));
        }
    }

    @Test
    void refusesFieldsThatWouldBreakTheStream() {
        assertThatThrownBy(() -> ServerSentEvent.builder().id("1\n2")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id must be one line but was '1\\n2'");
        assertThatThrownBy(() -> ServerSentEvent.builder().id("a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
        assertThatThrownBy(() -> ServerSentEvent.builder().event("x\ry")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("event type must be one line");
        assertThatThrownBy(() -> ServerSentEvent.builder().event("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerSentEvent.builder().retry(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("retry must not be negative");
        assertThatThrownBy(() -> ServerSentEvent.builder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readsTheLastEventIdOfAReconnect() {
        Scope scope = Scope.builder(Scope.Type.HTTP, "/events/").header("Last-Event-ID", "41").build();
        assertThat(ServerSentEvent.lastEventId(new HttpRequest("GET", scope, new byte[0]))).contains("41");
        Scope first = Scope.builder(Scope.Type.HTTP, "/events/").build();
        assertThat(ServerSentEvent.lastEventId(new HttpRequest("GET", first, new byte[0]))).isEmpty();
    }
}
