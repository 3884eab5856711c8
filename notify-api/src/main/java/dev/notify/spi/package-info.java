/**
 * For authors of channel layer backends: implement {@link dev.notify.spi.ChannelLayerProvider} and
 * register it in {@code META-INF/services/dev.notify.spi.ChannelLayerProvider}.
 */
package dev.notify.spi;
