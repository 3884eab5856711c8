package dev.notify.redis.internal;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/** channels_redis' {@code _consistent_hash}: CRC32 of the UTF-8 name, low 12 bits, scaled to the ring. */
public final class ConsistentHash {
    private ConsistentHash() {
    }

    /**
     * @param name a channel, group or queue name (without the key prefix)
     * @param ringSize the number of shards, at least 1
     * @return the shard index in {@code [0, ringSize)}
     */
    public static int shard(String name, int ringSize) {
        if (ringSize == 1) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        long bigval = crc.getValue() & 0xFFF;
        // the same floating-point division as Python's int(bigval / (4096 / float(ring_size)))
        double ringDivisor = 4096 / (double) ringSize;
        return (int) (bigval / ringDivisor);
    }
}
