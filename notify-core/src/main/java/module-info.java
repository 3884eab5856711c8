/**
 * The notify runtime: consumer lifecycle, routing, middleware, the sync/async bridge, layer
 * selection and the test kit.
 */
module dev.notify.core {
    requires transitive dev.notify;
    requires org.slf4j;
    // JacksonJsonCodec.create(ObjectMapper) takes the application's mapper
    requires transitive com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.datatype.jsr310;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires transitive java.sql;

    // API
    exports dev.notify.core;
    exports dev.notify.core.routing;
    exports dev.notify.core.auth;
    exports dev.notify.core.runtime;
    exports dev.notify.core.bridge;
    exports dev.notify.core.json;
    exports dev.notify.testing;

    // Internal: not API
    exports dev.notify.core.internal to dev.notify.netty;

    uses dev.notify.spi.ChannelLayerProvider;
}
