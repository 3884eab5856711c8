package dev.notify.metrics;

/**
 * Something that keeps counts an operator wants to see, and describes them as meters: the server,
 * the consumer runtime, every channel layer built on {@link dev.notify.spi.AbstractChannelLayer}.
 * The Netty server describes itself, its runtime and its layer to Micrometer when it is given a
 * registry.
 *
 * @since 0.2
 */
public interface MeterSource {

    /**
     * Describes every meter of this source. A source may count more precisely (or at all) only
     * once it has been described, so that an application without metrics pays nothing.
     *
     * @param sink where the meters go
     */
    void describeMeters(MeterSink sink);
}
