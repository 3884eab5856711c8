package dev.notify.consumer;

import dev.notify.json.JsonCodec;
import dev.notify.layer.ChannelLayer;

/**
 * What a worker consumer's handlers are given: the channel they consume and the layer, on which
 * they may {@code send} and {@code groupSend} (Channels' {@code self.channel_name} and
 * {@code self.channel_layer} of a consumer run by {@code runworker}).
 *
 * @since 0.3
 */
public interface WorkerContext {
    /** @return the named channel this worker consumes, such as {@code "thumbnails"} */
    String channelName();

    /** @return the channel layer the worker receives from */
    ChannelLayer layer();

    /** @return the JSON codec, to turn records into layer messages and back */
    JsonCodec json();
}
