package dev.notify.redis.internal;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The msgpack subset that channels_redis writes with {@code use_bin_type=True} and reads with
 * {@code raw=False}: strings as str, {@code byte[]} as bin, integers in their smallest encoding
 * (non-negative ones unsigned, as msgpack-python does), {@link Float} as float32 and {@link Double}
 * as float64. Decoding gives {@link Integer} where the value fits, else {@link Long}, else
 * {@link BigInteger} (above {@link Long#MAX_VALUE}); str gives {@link String}, bin {@code byte[]}.
 */
public final class MsgPack {
    private static final BigInteger MAX_UINT64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private MsgPack() {
    }

    /**
     * @param value a portable value
     * @return its encoding
     * @throws IllegalArgumentException if the value (or a nested one) has no msgpack form
     */
    public static byte[] encode(Object value) {
        Writer writer = new Writer();
        writer.value(value);
        return writer.toByteArray();
    }

    /**
     * @param bytes one complete msgpack value
     * @return the decoded value
     * @throws MsgPackException if the bytes are not one well-formed value of the supported subset
     */
    public static Object decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    /**
     * @param bytes a buffer holding one complete msgpack value at {@code offset}
     * @param offset where the value starts
     * @param length how many bytes it takes
     * @return the decoded value
     * @throws MsgPackException if the bytes are not one well-formed value of the supported subset
     */
    public static Object decode(byte[] bytes, int offset, int length) {
        Reader reader = new Reader(bytes, offset, offset + length);
        Object value = reader.value(0);
        if (reader.position != reader.end) {
            throw new MsgPackException((reader.end - reader.position) + " bytes left after the value");
        }
        return value;
    }

    /** Writes msgpack values into a growing buffer. */
    public static final class Writer {
        private final ByteArrayOutputStream out;

        /** A writer for a small value. */
        public Writer() {
            this(128);
        }

        /** @param expectedSize about how many bytes will be written, so that the buffer need not grow */
        public Writer(int expectedSize) {
            out = new ByteArrayOutputStream(expectedSize);
        }

        /**
         * @param raw bytes to copy as they are (such as a random prefix)
         * @return this writer
         */
        public Writer raw(byte[] raw) {
            out.write(raw, 0, raw.length);
            return this;
        }

        /**
         * @param size the number of key/value pairs that follow
         * @return this writer
         */
        public Writer mapHeader(int size) {
            if (size < 16) {
                out.write(0x80 | size);
            } else if (size < 0x10000) {
                out.write(0xde);
                u16(size);
            } else {
                out.write(0xdf);
                u32(size);
            }
            return this;
        }

        /**
         * @param size the number of values that follow
         * @return this writer
         */
        public Writer arrayHeader(int size) {
            if (size < 16) {
                out.write(0x90 | size);
            } else if (size < 0x10000) {
                out.write(0xdc);
                u16(size);
            } else {
                out.write(0xdd);
                u32(size);
            }
            return this;
        }

        /**
         * @param text a string, written as msgpack str
         * @return this writer
         */
        public Writer string(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            int n = utf8.length;
            if (n < 32) {
                out.write(0xa0 | n);
            } else if (n < 0x100) {
                out.write(0xd9);
                out.write(n);
            } else if (n < 0x10000) {
                out.write(0xda);
                u16(n);
            } else {
                out.write(0xdb);
                u32(n);
            }
            out.write(utf8, 0, n);
            return this;
        }

        /**
         * @param texts strings, written as a msgpack array of str (a group message's channel list)
         * @return this writer
         */
        public Writer strings(List<String> texts) {
            arrayHeader(texts.size());
            for (String text : texts) {
                string(text);
            }
            return this;
        }

        /**
         * @param value a portable value
         * @return this writer
         * @throws IllegalArgumentException if the value has no msgpack form
         */
        public Writer value(Object value) {
            value(value, "");
            return this;
        }

        private void value(Object value, String path) {
            if (value == null) {
                out.write(0xc0);
            } else if (value instanceof Boolean) {
                out.write((Boolean) value ? 0xc3 : 0xc2);
            } else if (value instanceof String) {
                string((String) value);
            } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                    || value instanceof Byte) {
                integer(((Number) value).longValue());
            } else if (value instanceof BigInteger) {
                bigInteger((BigInteger) value, path);
            } else if (value instanceof Double) {
                out.write(0xcb);
                u64(Double.doubleToLongBits((Double) value));
            } else if (value instanceof Float) {
                out.write(0xca);
                u32(Float.floatToIntBits((Float) value));
            } else if (value instanceof byte[]) {
                binary((byte[]) value);
            } else if (value instanceof List) {
                List<?> list = (List<?>) value;
                arrayHeader(list.size());
                for (int i = 0; i < list.size(); i++) {
                    value(list.get(i), path + "[" + i + "]");
                }
            } else if (value instanceof Map) {
                Map<?, ?> map = (Map<?, ?>) value;
                mapHeader(map.size());
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (!(entry.getKey() instanceof String)) {
                        throw new IllegalArgumentException("msgpack message maps need string keys, but '"
                                + path + "' has the key " + entry.getKey());
                    }
                    String key = (String) entry.getKey();
                    string(key);
                    value(entry.getValue(), path.isEmpty() ? key : path + "." + key);
                }
            } else {
                throw new IllegalArgumentException("value at '" + path + "' is a " + value.getClass().getName()
                        + ", which msgpack cannot carry");
            }
        }

        private void integer(long v) {
            if (v >= 0) {
                if (v < 0x80) {
                    out.write((int) v);
                } else if (v < 0x100) {
                    out.write(0xcc);
                    out.write((int) v);
                } else if (v < 0x10000) {
                    out.write(0xcd);
                    u16((int) v);
                } else if (v < 0x100000000L) {
                    out.write(0xce);
                    u32((int) v);
                } else {
                    out.write(0xcf);
                    u64(v);
                }
            } else if (v >= -32) {
                out.write((int) v & 0xff);
            } else if (v >= Byte.MIN_VALUE) {
                out.write(0xd0);
                out.write((int) v & 0xff);
            } else if (v >= Short.MIN_VALUE) {
                out.write(0xd1);
                u16((int) v);
            } else if (v >= Integer.MIN_VALUE) {
                out.write(0xd2);
                u32((int) v);
            } else {
                out.write(0xd3);
                u64(v);
            }
        }

        private void bigInteger(BigInteger big, String path) {
            if (big.bitLength() < 64) {
                integer(big.longValue());
            } else if (big.signum() > 0 && big.compareTo(MAX_UINT64) <= 0) {
                out.write(0xcf);
                u64(big.longValue());
            } else {
                throw new IllegalArgumentException("integer at '" + path + "' is outside msgpack's range: " + big);
            }
        }

        private void binary(byte[] bytes) {
            int n = bytes.length;
            if (n < 0x100) {
                out.write(0xc4);
                out.write(n);
            } else if (n < 0x10000) {
                out.write(0xc5);
                u16(n);
            } else {
                out.write(0xc6);
                u32(n);
            }
            out.write(bytes, 0, n);
        }

        private void u16(int v) {
            out.write(v >>> 8);
            out.write(v);
        }

        private void u32(int v) {
            out.write(v >>> 24);
            out.write(v >>> 16);
            out.write(v >>> 8);
            out.write(v);
        }

        private void u64(long v) {
            u32((int) (v >>> 32));
            u32((int) v);
        }

        /** @return the bytes written so far */
        public byte[] toByteArray() {
            return out.toByteArray();
        }
    }

    private static final class Reader {
        private static final int MAX_DEPTH = 512;

        private final byte[] bytes;
        private final int end;
        private int position;

        Reader(byte[] bytes, int position, int end) {
            this.bytes = bytes;
            this.position = position;
            this.end = end;
        }

        Object value(int depth) {
            if (depth > MAX_DEPTH) {
                throw new MsgPackException("values nested deeper than " + MAX_DEPTH);
            }
            int b = u8();
            if (b <= 0x7f) {
                return b;
            }
            if (b >= 0xe0) {
                return (int) (byte) b;
            }
            if ((b & 0xf0) == 0x80) {
                return map(b & 0x0f, depth);
            }
            if ((b & 0xf0) == 0x90) {
                return array(b & 0x0f, depth);
            }
            if ((b & 0xe0) == 0xa0) {
                return string(b & 0x1f);
            }
            switch (b) {
                case 0xc0:
                    return null;
                case 0xc2:
                    return Boolean.FALSE;
                case 0xc3:
                    return Boolean.TRUE;
                case 0xc4:
                    return binary(u8());
                case 0xc5:
                    return binary(u16());
                case 0xc6:
                    return binary(length32());
                case 0xca:
                    return Float.intBitsToFloat((int) u32());
                case 0xcb:
                    return Double.longBitsToDouble(u64());
                case 0xcc:
                    return u8();
                case 0xcd:
                    return u16();
                case 0xce:
                    return narrow(u32());
                case 0xcf: {
                    long v = u64();
                    return v >= 0 ? narrow(v) : new BigInteger(Long.toUnsignedString(v));
                }
                case 0xd0:
                    return (int) (byte) u8();
                case 0xd1:
                    return (int) (short) u16();
                case 0xd2:
                    return (int) u32();
                case 0xd3:
                    return narrow(u64());
                case 0xd9:
                    return string(u8());
                case 0xda:
                    return string(u16());
                case 0xdb:
                    return string(length32());
                case 0xdc:
                    return array(u16(), depth);
                case 0xdd:
                    return array(length32(), depth);
                case 0xde:
                    return map(u16(), depth);
                case 0xdf:
                    return map(length32(), depth);
                default:
                    throw new MsgPackException(String.format("unsupported msgpack type byte 0x%02x at offset %d",
                            b, position - 1));
            }
        }

        private static Object narrow(long v) {
            return v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? (Object) (int) v : (Object) v;
        }

        private Map<String, Object> map(int size, int depth) {
            require(size * 2L);
            Map<String, Object> map = new LinkedHashMap<>(Math.max(4, size * 2));
            for (int i = 0; i < size; i++) {
                Object key = value(depth + 1);
                if (!(key instanceof String)) {
                    throw new MsgPackException("map key is " + (key == null ? "nil" : "a " + key.getClass().getSimpleName())
                            + ", not a string");
                }
                map.put((String) key, value(depth + 1));
            }
            return map;
        }

        private List<Object> array(int size, int depth) {
            require(size);
            List<Object> list = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                list.add(value(depth + 1));
            }
            return list;
        }

        private String string(int length) {
            require(length);
            String text = new String(bytes, position, length, StandardCharsets.UTF_8);
            position += length;
            return text;
        }

        private byte[] binary(int length) {
            require(length);
            byte[] copy = new byte[length];
            System.arraycopy(bytes, position, copy, 0, length);
            position += length;
            return copy;
        }

        private int length32() {
            long n = u32();
            if (n > Integer.MAX_VALUE) {
                throw new MsgPackException("length " + n + " is too large");
            }
            return (int) n;
        }

        /** Each element takes at least one byte, so a length beyond the input is malformed. */
        private void require(long count) {
            if (count > end - position) {
                throw new MsgPackException("truncated input: need " + count + " more bytes at offset " + position
                        + " but only " + (end - position) + " are left");
            }
        }

        private int u8() {
            require(1);
            return bytes[position++] & 0xff;
        }

        private int u16() {
            return (u8() << 8) | u8();
        }

        private long u32() {
            return ((long) u16() << 16) | u16();
        }

        private long u64() {
            return (u32() << 32) | u32();
        }
    }
}
