package dev.notify.consumer;

import java.util.Objects;

/**
 * A WebSocket close status (RFC 6455 section 7.4): a code and an optional reason.
 *
 * @param code the close code, 1000 to 4999
 * @param reason a short reason, possibly empty
 * @since 0.1
 */
public record CloseStatus(int code, String reason) {
    /** 1000: the purpose of the connection was fulfilled. */
    public static final CloseStatus NORMAL = new CloseStatus(1000, "");
    /** 1001: the server is going down or the browser left the page. */
    public static final CloseStatus GOING_AWAY = new CloseStatus(1001, "");
    /** 1002: a protocol error. */
    public static final CloseStatus PROTOCOL_ERROR = new CloseStatus(1002, "");
    /** 1003: a kind of data the endpoint does not accept, such as binary for a JSON consumer. */
    public static final CloseStatus UNSUPPORTED_DATA = new CloseStatus(1003, "");
    /** 1005: the peer closed without a status code (never sent on the wire). */
    public static final CloseStatus NO_STATUS = new CloseStatus(1005, "");
    /** 1006: the connection dropped without a close frame (never sent on the wire). */
    public static final CloseStatus ABNORMAL = new CloseStatus(1006, "");
    /** 1007: data that does not match its type, such as invalid UTF-8 in a text frame. */
    public static final CloseStatus INVALID_PAYLOAD = new CloseStatus(1007, "");
    /** 1008: a message that violates the endpoint's policy. */
    public static final CloseStatus POLICY_VIOLATION = new CloseStatus(1008, "");
    /** 1009: a message too big to process. */
    public static final CloseStatus MESSAGE_TOO_BIG = new CloseStatus(1009, "");
    /** 1011: the server hit an unexpected condition. */
    public static final CloseStatus INTERNAL_ERROR = new CloseStatus(1011, "");
    /** 1013: try again later, such as when a slow client's outbound buffer overflowed. */
    public static final CloseStatus TRY_AGAIN_LATER = new CloseStatus(1013, "");

    /**
     * @param code the close code, 1000 to 4999
     * @param reason the close reason; empty for none
     * @throws IllegalArgumentException if the code is outside 1000..4999
     */
    public CloseStatus {
        if (code < 1000 || code > 4999) {
            throw new IllegalArgumentException("close code must be in 1000..4999 but was " + code);
        }
        Objects.requireNonNull(reason, "reason");
    }

    /**
     * @param code the close code
     * @return a status with that code and no reason
     */
    public static CloseStatus of(int code) {
        return new CloseStatus(code, "");
    }

    /**
     * @param newReason the reason
     * @return this code with another reason
     */
    public CloseStatus withReason(String newReason) {
        return new CloseStatus(code, newReason);
    }
}
