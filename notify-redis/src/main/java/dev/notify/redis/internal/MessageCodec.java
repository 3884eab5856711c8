package dev.notify.redis.internal;

import dev.notify.layer.Message;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Stored queue entries as channels_redis 4.0 writes them: 12 random bytes (uniqueness only), then
 * msgpack of the message plus {@code __asgi_channel__}, or a Fernet token of that msgpack when
 * encryption keys are set.
 */
public final class MessageCodec {
    private static final int RANDOM_PREFIX = 12;

    private final Fernet fernet;
    private final long ttlSeconds;
    private final InstantSource clock;

    /**
     * @param fernet the encryption, or {@code null} for none
     * @param expirySeconds the layer's expiry; tokens older than {@code expiry + 10} s are refused, as
     *     in channels_redis
     * @param clock the time for token timestamps
     */
    public MessageCodec(Fernet fernet, long expirySeconds, InstantSource clock) {
        this.fernet = fernet;
        this.ttlSeconds = expirySeconds + 10;
        this.clock = clock;
    }

    /** A decoded entry: the channel(s) it is for and the message without the routing key. */
    public record Decoded(List<String> channels, Message message) {
    }

    /**
     * @param message the message
     * @param route {@code null} (normal channel), a channel name, or a list of channel names
     * @return the stored bytes
     */
    public byte[] encode(Message message, Object route) {
        Map<String, Object> body = message.asMap();
        List<?> channels = route instanceof List<?> list ? list : null;
        // the channel list of a group message is most of the entry: size the buffer for it
        MsgPack.Writer writer = new MsgPack.Writer(128 + (channels == null ? 0 : channels.size() * 64));
        byte[] random = new byte[RANDOM_PREFIX];
        ThreadLocalRandom.current().nextBytes(random);
        if (fernet == null) {
            writer.raw(random);
        }
        writer.mapHeader(body.size() + (route == null ? 0 : 1));
        body.forEach((key, value) -> writer.string(key).value(value));
        if (channels != null) {
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) channels;
            writer.string(Message.RESERVED_ROUTING_KEY).strings(names);
        } else if (route != null) {
            writer.string(Message.RESERVED_ROUTING_KEY).value(route);
        }
        if (fernet == null) {
            return writer.toByteArray();
        }
        byte[] payload = fernet.encrypt(writer.toByteArray(), clock.instant().getEpochSecond());
        byte[] stored = new byte[RANDOM_PREFIX + payload.length];
        System.arraycopy(random, 0, stored, 0, RANDOM_PREFIX);
        System.arraycopy(payload, 0, stored, RANDOM_PREFIX, payload.length);
        return stored;
    }

    /**
     * @param stored the stored bytes
     * @param fallbackChannel the channel to deliver to when the entry has no routing key (normal channels)
     * @return the decoded entry
     * @throws IllegalArgumentException if the entry is not a message this layer can read, saying why
     */
    public Decoded decode(byte[] stored, String fallbackChannel) {
        if (stored.length <= RANDOM_PREFIX) {
            throw new IllegalArgumentException("entry of " + stored.length + " bytes is too short");
        }
        Object value;
        try {
            if (fernet != null) {
                byte[] token = Arrays.copyOfRange(stored, RANDOM_PREFIX, stored.length);
                value = MsgPack.decode(fernet.decrypt(token, ttlSeconds, clock.instant().getEpochSecond()));
            } else {
                value = MsgPack.decode(stored, RANDOM_PREFIX, stored.length - RANDOM_PREFIX);
            }
        } catch (Fernet.InvalidTokenException e) {
            throw new IllegalArgumentException("cannot decrypt: " + e.getMessage(), e);
        } catch (MsgPackException e) {
            throw new IllegalArgumentException("not msgpack: " + e.getMessage(), e);
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("not a msgpack map but " + (value == null ? "nil" : value.getClass().getSimpleName()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        Object route = map.remove(Message.RESERVED_ROUTING_KEY);
        List<String> channels = new ArrayList<>();
        if (route == null) {
            if (fallbackChannel == null) {
                throw new IllegalArgumentException("no " + Message.RESERVED_ROUTING_KEY + " in an entry of a process queue");
            }
            channels.add(fallbackChannel);
        } else if (route instanceof String) {
            channels.add((String) route);
        } else if (route instanceof List) {
            for (Object channel : (List<?>) route) {
                if (!(channel instanceof String)) {
                    throw new IllegalArgumentException(Message.RESERVED_ROUTING_KEY + " lists a non-string " + channel);
                }
                channels.add((String) channel);
            }
        } else {
            throw new IllegalArgumentException(Message.RESERVED_ROUTING_KEY + " is neither a string nor a list");
        }
        return new Decoded(channels, Message.fromMap(map));
    }
}
