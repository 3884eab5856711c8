/**
 * The contracts of notify: channel layers, messages, consumers, scopes, HTTP handlers,
 * configuration and the backend SPI. No dependencies.
 */
module dev.notify {
    // API
    exports dev.notify;
    exports dev.notify.layer;
    exports dev.notify.consumer;
    exports dev.notify.http;
    exports dev.notify.config;
    exports dev.notify.json;

    // SPI
    exports dev.notify.spi;
}
