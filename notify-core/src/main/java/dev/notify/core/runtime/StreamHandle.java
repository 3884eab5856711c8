package dev.notify.core.runtime;

import java.util.concurrent.CompletionStage;

/**
 * The runtime side of one streamed HTTP response: the transport reports its end here.
 *
 * @since 0.3
 */
public interface StreamHandle {

    /**
     * The exchange is over: the response ended, or the client went away. Further calls are ignored.
     *
     * @return completes when the consumer's disconnect hook ran and it left its groups
     */
    CompletionStage<Void> closed();
}
