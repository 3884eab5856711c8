package dev.notify.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ConsistentHashTest {

    @Test
    void matchesTheVectorsRecordedFromChannelsRedis() throws Exception {
        JsonNode rows;
        try (InputStream in = getClass().getResourceAsStream("/channels_redis_hash_vectors.json")) {
            rows = new ObjectMapper().readTree(in).get("rows");
        }
        assertThat(rows.size()).isGreaterThanOrEqualTo(5);
        for (JsonNode row : rows) {
            String name = row.get(0).asText();
            CRC32 crc = new CRC32();
            crc.update(name.getBytes(StandardCharsets.UTF_8));
            assertThat(String.format("%08x", crc.getValue())).as("crc32 of %s", name).isEqualTo(row.get(1).asText());
            assertThat(ConsistentHash.shard(name, 1)).isZero();
            assertThat(ConsistentHash.shard(name, 2)).as("ring 2 of %s", name).isEqualTo(row.get(3).asInt());
            assertThat(ConsistentHash.shard(name, 3)).as("ring 3 of %s", name).isEqualTo(row.get(4).asInt());
            assertThat(ConsistentHash.shard(name, 5)).as("ring 5 of %s", name).isEqualTo(row.get(5).asInt());
        }
    }

    @Test
    void staysInsideTheRing() {
        for (int ring = 1; ring <= 7; ring++) {
            for (int i = 0; i < 500; i++) {
                assertThat(ConsistentHash.shard("name-" + i, ring)).isBetween(0, ring - 1);
            }
        }
    }
}
