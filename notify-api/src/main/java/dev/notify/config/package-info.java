/**
 * Key/value configuration: {@link dev.notify.config.NotifyConfig} reads keys such as
 * {@code notify.layer} from maps, properties files, system properties or environment variables
 * ({@code NOTIFY_LAYER}), and {@link dev.notify.config.InvalidConfigurationException} reports every
 * bad key at once.
 */
package dev.notify.config;
