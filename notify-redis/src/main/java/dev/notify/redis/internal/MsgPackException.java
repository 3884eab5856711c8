package dev.notify.redis.internal;

/** Bytes that are not a well-formed msgpack value of the subset {@link MsgPack} reads. */
public final class MsgPackException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MsgPackException(String message) {
        super(message);
    }
}
