package dev.notify.core.runtime;

import dev.notify.json.JsonCodec;
import dev.notify.layer.Message;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The JSON text of values taken from layer messages, encoded once and shared: when the N members of
 * a group forward the same message (or one of its fields) with {@code sendJson}, the first encodes it
 * and the others get the same {@code String}, which the transport in turn encodes into one frame
 * (the Netty server keys its frame cache on the text's identity).
 *
 * <p>The rule that makes this correct: only a value that is identical (the same instance) to a
 * message's body or to one of its fields is memoised. A {@link Message} copies its values into
 * unmodifiable ones when it is built, so such a value cannot change and its text is fixed. Any other
 * value, such as a map the consumer built and may change between two sends, is encoded every time.
 *
 * <p>Thread-safe without locks: {@value #SLOTS} slots, direct-mapped on the value's identity hash,
 * each an immutable entry; two threads that miss at once both encode, and one entry wins. Texts of
 * more than {@value #MAX_CHARS} characters are not kept, so the memo holds at most
 * {@value #SLOTS} × {@value #MAX_CHARS} characters.
 */
final class MessageJson {
    static final int SLOTS = 256;
    static final int MAX_CHARS = 16 * 1024;

    private record Entry(Object value, String text) {
    }

    private final JsonCodec json;
    private final AtomicReferenceArray<Entry> slots = new AtomicReferenceArray<>(SLOTS);

    /** @param json the codec every text is encoded with */
    MessageJson(JsonCodec json) {
        this.json = json;
    }

    /**
     * @param value the value to send
     * @param source the message the consumer is handling, or {@code null}
     * @return the value's JSON text: the shared one when {@code value} is {@code source}'s body or one of its fields
     */
    String encode(Object value, Message source) {
        if (value == null || source == null || !partOf(value, source)) {
            return json.encode(value);
        }
        int slot = System.identityHashCode(value) & (SLOTS - 1);
        Entry entry = slots.get(slot);
        if (entry != null && entry.value == value) {
            return entry.text;
        }
        String text = json.encode(value);
        if (text.length() <= MAX_CHARS) {
            slots.set(slot, new Entry(value, text));
        }
        return text;
    }

    private static boolean partOf(Object value, Message message) {
        if (value == message.asMap()) {
            return true;
        }
        for (Object field : message.asMap().values()) {
            if (field == value) {
                return true;
            }
        }
        return false;
    }
}
