package io.clamator.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.clamator.client.ClientOptions;
import io.clamator.health.ClamatorHealth;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.testing.ManualTimer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A client is not running until its transport is: a call made while it starts fails cleanly. */
class AbstractRpcClientStartTest {

    /** A client whose transport comes up when the test says so; its timer exists only from then on. */
    static final class SlowStartingClient extends AbstractRpcClient {
        final CountDownLatch transportStarting = new CountDownLatch(1);
        final CountDownLatch letTransportStart = new CountDownLatch(1);
        private volatile ManualTimer timer;
        final AtomicInteger stoppedTransports = new AtomicInteger();
        final AtomicInteger releasedUnstarted = new AtomicInteger();

        SlowStartingClient() {
            super(ClientOptions.defaults());
        }

        @Override
        protected String transportName() {
            return "test";
        }

        @Override
        public String keyPrefix() {
            return "test";
        }

        @Override
        protected void startTransport() {
            transportStarting.countDown();
            try {
                assertThat(letTransportStart.await(30, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            timer = new ManualTimer();
        }

        @Override
        protected TransportTimer timer() {
            return timer;
        }

        @Override
        protected void stopTransport() {
            stoppedTransports.incrementAndGet();
        }

        @Override
        protected void releaseUnstarted() {
            releasedUnstarted.incrementAndGet();
        }

        @Override
        protected CompletableFuture<Void> send(OutgoingMessage message) {
            return CompletableFuture.completedFuture(null);
        }
    }

    @Test
    void aCallWhileTheTransportStartsFailsAsNotStartedAndTheClientRunsOnceItHasStarted() throws Exception {
        SlowStartingClient client = new SlowStartingClient();
        Thread starter = new Thread(client::start, "starter");
        starter.start();
        assertThat(client.transportStarting.await(30, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Object> early = client.callAsync("arith", "add", Map.of("a", 1), Object.class);
        assertThat(early).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
                .isInstanceOf(ClamatorTransportException.class).withMessageContaining("not started");
        assertThat(client.isRunning()).isFalse();
        assertThat(client.health().status()).isEqualTo(ClamatorHealth.Status.DOWN);

        client.letTransportStart.countDown();
        starter.join(TimeUnit.SECONDS.toMillis(30));
        await().atMost(Duration.ofSeconds(30)).until(client::isRunning);
        assertThat(client.callAsync("arith", "add", Map.of("a", 1), Object.class)).as("pending until answered").isNotDone();
        client.stop();
    }

    @Test
    void aClientStoppedWithoutHavingBeenStartedReleasesWhatItsConstructionHoldsOnce() {
        SlowStartingClient unstarted = new SlowStartingClient();
        unstarted.stop();
        unstarted.stop();
        assertThat(unstarted.releasedUnstarted).hasValue(1);
        assertThat(unstarted.stoppedTransports).hasValue(0);

        SlowStartingClient started = new SlowStartingClient();
        started.letTransportStart.countDown();
        started.start();
        started.stop();
        assertThat(started.releasedUnstarted).as("its transport's stop releases it").hasValue(0);
        assertThat(started.stoppedTransports).hasValue(1);
    }
}
