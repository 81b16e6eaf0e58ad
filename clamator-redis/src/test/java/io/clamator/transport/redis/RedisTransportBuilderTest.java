package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class RedisTransportBuilderTest {

    @Test
    void aDurationUnderAMillisecondIsRefusedSinceRedisWouldReadIt0AndABlockTimeOf0BlocksForEver() {
        Duration halfAMillisecond = Duration.ofNanos(500_000);
        assertThatThrownBy(() -> RedisRpcServer.builder().blockTime(halfAMillisecond)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("blockTime must be at least 1 ms, was PT0.0005S");
        assertThatThrownBy(() -> RedisRpcClient.builder().blockTime(halfAMillisecond)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("blockTime must be at least 1 ms");
        assertThatThrownBy(() -> RedisRpcServer.builder().claimIdle(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
        assertThatCode(() -> RedisRpcServer.builder().blockTime(Duration.ofMillis(1)).commandTimeout(Duration.ofMillis(1)))
                .doesNotThrowAnyException();
    }

    @Test
    void aDurationTooLongToCountInMillisecondsIsAccepted() {
        assertThatCode(() -> RedisRpcClient.builder().defaultTimeout(ChronoUnit.FOREVER.getDuration())).as("cut to what the timers keep")
                .doesNotThrowAnyException();
    }
}
