package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.resource.ClientResources;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.flush.FlushConsolidationHandler;
import org.junit.jupiter.api.Test;

class ClamatorClientResourcesTest {

    @Test
    void createdResourcesConsolidateFlushesOnEveryChannel() {
        ClientResources resources = ClamatorClientResources.create();
        try {
            EmbeddedChannel channel = new EmbeddedChannel();
            resources.nettyCustomizer().afterChannelInitialized(channel);
            assertThat(channel.pipeline().first()).isInstanceOf(FlushConsolidationHandler.class);
        } finally {
            resources.shutdown();
        }
    }
}
