package io.clamator.transport.spi;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.server.ServerOptions;
import io.clamator.server.ServiceDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AbstractRpcServerStopTest {

    /** A worker that reports whether it became idle, and counts what stop asked of it. */
    static final class CountingWorker implements ServiceWorker {
        private final boolean becomesIdle;
        final AtomicInteger awaited = new AtomicInteger();
        final AtomicInteger abandoned = new AtomicInteger();

        CountingWorker(boolean becomesIdle) {
            this.becomesIdle = becomesIdle;
        }

        @Override
        public String service() {
            return "arith";
        }

        @Override
        public int handlersActive() {
            return 0;
        }

        @Override
        public int entriesQueued() {
            return 0;
        }

        @Override
        public void stopReceiving() {
        }

        @Override
        public boolean awaitIdle(long deadlineNanos) {
            awaited.incrementAndGet();
            return becomesIdle;
        }

        @Override
        public void abandon() {
            abandoned.incrementAndGet();
        }
    }

    static final class TwoWorkerServer extends AbstractRpcServer {
        final CountingWorker busy = new CountingWorker(false);
        final CountingWorker idle = new CountingWorker(true);
        final AtomicInteger releasedUnstarted = new AtomicInteger();

        TwoWorkerServer() {
            super(ServerOptions.builder().shutdownGrace(Duration.ofMillis(10)).build());
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
        protected List<? extends ServiceWorker> startTransport(Map<String, ServiceDefinition> services) {
            return List.of(busy, idle);
        }

        @Override
        protected void stopTransport() {
        }

        @Override
        protected void releaseUnstarted() {
            releasedUnstarted.incrementAndGet();
        }
    }

    @Test
    void stopWaitsOnEveryWorkerEvenAfterOneStaysBusy() {
        TwoWorkerServer server = new TwoWorkerServer();
        server.register(ServiceDefinition.of(Arith.class, new ArithService()));
        server.start();
        server.stop();
        assertThat(server.busy.awaited).hasValue(1);
        assertThat(server.idle.awaited).as("each worker finishes its stopping in its wait").hasValue(1);
        assertThat(server.busy.abandoned).hasValue(1);
        assertThat(server.idle.abandoned).hasValue(1);
    }

    @Test
    void aServerStoppedWithoutHavingBeenStartedReleasesWhatItsConstructionHoldsOnce() {
        TwoWorkerServer unstarted = new TwoWorkerServer();
        unstarted.stop();
        unstarted.stop();
        assertThat(unstarted.releasedUnstarted).hasValue(1);

        TwoWorkerServer started = new TwoWorkerServer();
        started.register(ServiceDefinition.of(Arith.class, new ArithService()));
        started.start();
        started.stop();
        assertThat(started.releasedUnstarted).hasValue(0);
    }
}
