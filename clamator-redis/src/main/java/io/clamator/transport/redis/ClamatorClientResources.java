package io.clamator.transport.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import io.lettuce.core.resource.NettyCustomizer;
import io.netty.channel.Channel;
import io.netty.handler.flush.FlushConsolidationHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Lettuce client resources suited to the transport, used when it creates its own client: Lettuce's
 * defaults plus flush consolidation and a short reconnect delay. Commands written to a connection
 * while its event loop is busy (say the calls that a batch of replies starts, or a batch of
 * replies) leave in one socket write instead of one each, which saves system calls in the JVM and
 * in Redis; a command is never held back beyond the loop's current pass. A lost connection is
 * tried again at most {@link #MAX_RECONNECT_DELAY} apart (Lettuce's default grows to 30 s), so
 * the transport resumes within about a second of Redis coming back, after any outage.
 *
 * <p>Applications that share their own {@link ClientResources} with the transport can add the
 * same with {@link #flushConsolidation()} and {@link #reconnectDelay()}.
 */
public final class ClamatorClientResources {

    /** Flushes held back at most before one is let through, as Netty recommends. */
    private static final int MAX_CONSOLIDATED_FLUSHES = 256;

    /** The longest pause between two attempts to reconnect a lost connection. */
    public static final Duration MAX_RECONNECT_DELAY = Duration.ofMillis(500);

    private ClamatorClientResources() {
    }

    /** New resources with flush consolidation and the short reconnect delay; the caller shuts them down. */
    public static ClientResources create() {
        return create(true);
    }

    /** New resources with the short reconnect delay, and flush consolidation if asked for; the caller shuts them down. */
    public static ClientResources create(boolean flushConsolidation) {
        ClientResources.Builder builder = DefaultClientResources.builder().reconnectDelay(reconnectDelay());
        if (flushConsolidation) {
            builder.nettyCustomizer(flushConsolidation());
        }
        return builder.build();
    }

    /**
     * Reconnect attempts 100 ms apart, doubling to {@link #MAX_RECONNECT_DELAY}, for
     * {@code ClientResources.builder().reconnectDelay(...)}.
     */
    public static Delay reconnectDelay() {
        return Delay.exponential(Duration.ofMillis(100), MAX_RECONNECT_DELAY, 2, TimeUnit.MILLISECONDS);
    }

    /**
     * A customizer that consolidates flushes on every channel, for
     * {@code DefaultClientResources.builder().nettyCustomizer(...)}.
     */
    public static NettyCustomizer flushConsolidation() {
        return new NettyCustomizer() {
            @Override
            public void afterChannelInitialized(Channel channel) {
                channel.pipeline().addFirst(new FlushConsolidationHandler(MAX_CONSOLIDATED_FLUSHES, true));
            }
        };
    }
}
