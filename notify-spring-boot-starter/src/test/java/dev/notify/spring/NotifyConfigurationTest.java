package dev.notify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.notify.config.NotifyConfig;
import dev.notify.core.ChannelLayers;
import dev.notify.core.json.JacksonJsonCodec;
import dev.notify.json.JsonCodec;
import dev.notify.layer.ChannelLayer;
import dev.notify.netty.NotifyServer;
import dev.notify.netty.NotifyServerOptions;
import dev.notify.spi.ChannelLayerProvider;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

@Timeout(60)
class NotifyConfigurationTest {
    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(NotifyAutoConfiguration.class))
            .withPropertyValues("notify.layer=inmemory");

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "notify.server.port                | abc      | notify.server.port",
        "notify.server.ping-interval       | soon     | notify.server.ping-interval",
        "notify.server.compression         | maybe    | notify.server.compression",
        "notify.server.transport           | carrier  | notify.server.transport",
        "notify.inmemory.capacity          | lots     | notify.inmemory.capacity",
        "notify.server.port                | 70000    | notify.server.port=70000",
        "notify.server.io-threads          | 0        | notify.server.io-threads=0",
        "notify.layer                      | kafka    | notify.layer=kafka",
        "notify.inmemory.capasity          | 5        | notify.inmemory.capasity is not an option",
        "notify.server.prot                | 9000     | notify.server.prot is not a server option",
        "notify.inmemory.channel-capacity  | x=y      | notify.inmemory.channel-capacity",
    })
    void aBadValueStopsTheStartAndNamesTheProperty(String key, String value, String expected) {
        runner.withPropertyValues(key + "=" + value).run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains(expected);
        });
    }

    @Test
    void theServerUsesTheApplicationsJsonCodec() {
        JsonCodec snakeCase = JacksonJsonCodec.create(JacksonJsonCodec.defaultMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
        runner.withPropertyValues("notify.server.port=0").withBean(JsonCodec.class, () -> snakeCase).run(context -> {
            assertThat(context.getBean(NotifyServer.class).json()).isSameAs(snakeCase);
        });
        runner.withPropertyValues("notify.server.port=0").run(context -> {
            assertThat(context.getBean(NotifyServer.class).json()).isSameAs(context.getBean(JsonCodec.class))
                    .isInstanceOf(JacksonJsonCodec.class);
        });
    }

    @Test
    void relaxedSpellingsOfAKeyAreOneKey() {
        runner.withPropertyValues("notify.server.maxFrameSize=100", "notify.server.port=0").run(context ->
                assertThat(context.getBean(NotifyServer.class).options().maxFramePayload()).isEqualTo(100));
        runner.withPropertyValues("notify.server.port=0")
                .withInitializer(c -> c.getEnvironment().getPropertySources().addFirst(new SystemEnvironmentPropertySource(
                        "test-systemEnvironment", Map.of("NOTIFY_SERVER_MAX_FRAME_SIZE", "200", "NOTIFY_SERVER_PINGINTERVAL", "7"))))
                .run(context -> {
                    NotifyServerOptions options = context.getBean(NotifyServer.class).options();
                    assertThat(options.maxFramePayload()).isEqualTo(200);     // notify's spelling of the variable
                    assertThat(options.pingInterval()).hasSeconds(7);          // Spring Boot's spelling
                });
    }

    @Test
    void aListIsReadAsNotifysCommaSeparatedValue() {
        runner.withPropertyValues("notify.redis.url[0]=redis://127.0.0.1:1", "notify.redis.url[1]=redis://127.0.0.1:2",
                "notify.server.enabled=false").run(context -> {
                    NotifyConfig config = context.getBean(NotifyConfig.class);
                    assertThat(config.get("notify.redis.url")).isEqualTo("redis://127.0.0.1:1,redis://127.0.0.1:2");
                    assertThat(config.keys()).contains("notify.redis.url").doesNotContain("notify.server.enabled");
                });
    }

    @Test
    void withTheServerDisabledTheLayerIsStillThere() {
        runner.withPropertyValues("notify.server.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(ChannelLayer.class).doesNotHaveBean(NotifyServer.class);
        });
    }

    @Test
    void theDocumentedDefaultsAreNotifysDefaults() {
        runner.withPropertyValues("notify.server.enabled=false").run(context -> {
            NotifyProperties.Server server = context.getBean(NotifyProperties.class).server();
            NotifyServerOptions defaults = NotifyServerOptions.defaults();
            assertThat(server.host()).isEqualTo(defaults.host());
            assertThat(server.port()).isEqualTo(defaults.port());
            assertThat(server.maxFrameSize()).isEqualTo(defaults.maxFramePayload());
            assertThat(server.maxHttpContentLength()).isEqualTo(defaults.maxHttpContentLength());
            assertThat(server.pingInterval()).isEqualTo(defaults.pingInterval());
            assertThat(server.pingTimeout()).isEqualTo(defaults.pingTimeout());
            assertThat(server.handshakeTimeout()).isEqualTo(defaults.handshakeTimeout());
            assertThat(server.idleTimeout()).isEqualTo(defaults.idleTimeout());
            assertThat(server.requestReadTimeout()).isEqualTo(defaults.requestReadTimeout());
            assertThat(server.closeTimeout()).isEqualTo(defaults.closeTimeout());
            assertThat(server.hstsMaxAge()).isEqualTo(defaults.hstsMaxAge());
            assertThat(server.compression()).isEqualTo(defaults.compression());
            assertThat(server.maxOutboundBuffer()).isEqualTo(defaults.maxOutboundBuffer());
            assertThat(server.websocketSendBuffer()).isEqualTo(defaults.webSocketSendBuffer());
            assertThat(server.transport()).isEqualTo(defaults.transport());
            assertThat(server.shutdownGrace()).isEqualTo(defaults.shutdownGrace());
        });
    }

    @Test
    void theMetadataListsEveryKeyOfTheServerAndOfEachLayer() throws IOException {
        Set<String> documented = metadataKeys();
        Set<String> read = new TreeSet<>(NotifyServerOptions.keys());
        read.add(ChannelLayers.LAYER_KEY);
        for (ChannelLayerProvider provider : ChannelLayers.providers().values()) {
            read.addAll(provider.keys());
        }
        read.addAll(NotifyAutoConfiguration.STARTER_KEYS);
        assertThat(documented).isEqualTo(read);
    }

    @Test
    void theFailureReportListsEveryProblemAndSaysWhatToFix() {
        runner.withPropertyValues("notify.inmemory.capacity=0", "notify.inmemory.expiry=-5s").run(context -> {
            FailureAnalysis analysis = new NotifyFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis.getDescription()).contains("notify.inmemory.capacity", "notify.inmemory.expiry");
            assertThat(analysis.getAction()).contains("notify.* properties");
        });
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
    }

    private static Set<String> metadataKeys() throws IOException {
        Set<String> keys = new TreeSet<>();
        for (URL url : Collections.list(NotifyConfigurationTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            if (!url.toString().contains("notify-spring-boot-starter")) {
                continue;
            }
            try (InputStream in = url.openStream()) {
                Matcher name = Pattern.compile("\"name\"\\s*:\\s*\"(notify\\.[^\"]+)\"").matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (name.find()) {
                    if (!Set.of("notify.server", "notify.inmemory", "notify.redis", "notify.nats").contains(name.group(1))) {
                        keys.add(name.group(1));
                    }
                }
            }
        }
        return keys;
    }
}
