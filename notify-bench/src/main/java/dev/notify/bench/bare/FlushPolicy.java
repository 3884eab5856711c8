package dev.notify.bench.bare;

/** How a {@link BareNettyServer} writes group messages to its connections, from the most work per delivery to the least. */
public enum FlushPolicy {
    /** {@code ChannelGroup.writeAndFlush} for every message: one task and one flush per message and connection. */
    FLUSH_EACH("flush-each"),
    /**
     * Messages are queued per connection; the first one schedules a task on the connection's event loop
     * that writes whatever is queued by then and flushes once: one flush per event-loop turn, as a server
     * that receives messages one at a time can batch them.
     */
    FLUSH_PER_TURN("flush-per-turn"),
    /**
     * The server knows the whole burst: one task per event loop writes all K messages to each of its
     * connections and flushes each connection once. No server that uses Netty's WebSocket codec does
     * less work per delivery, so this is the ceiling.
     */
    WHOLE_BURST("whole-burst");

    private final String label;

    FlushPolicy(String label) {
        this.label = label;
    }

    /** @return the command-line name: {@code flush-each}, {@code flush-per-turn} or {@code whole-burst} */
    public String label() {
        return label;
    }

    /**
     * @param label a command-line name
     * @return the policy
     * @throws IllegalArgumentException for an unknown name
     */
    public static FlushPolicy of(String label) {
        for (FlushPolicy policy : values()) {
            if (policy.label.equals(label)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("flush policy must be flush-each, flush-per-turn or whole-burst but was '" + label + "'");
    }
}
