package dev.notify.bench.ceiling;

/** How a {@link CeilingServer} writes a burst to its connections. */
public enum CeilingMode {
    /** {@code ChannelGroup.writeAndFlush} for every message: one task and one flush per message and connection. */
    FLUSH_EACH("flush-each"),
    /** Messages are queued per connection; one task writes what is queued and flushes once. */
    BATCHED("batched");

    private final String label;

    CeilingMode(String label) {
        this.label = label;
    }

    /** @return the command-line name, {@code flush-each} or {@code batched} */
    public String label() {
        return label;
    }

    /**
     * @param label a command-line name
     * @return the mode
     * @throws IllegalArgumentException for an unknown name
     */
    public static CeilingMode of(String label) {
        for (CeilingMode mode : values()) {
            if (mode.label.equals(label)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("mode must be flush-each or batched but was '" + label + "'");
    }
}
