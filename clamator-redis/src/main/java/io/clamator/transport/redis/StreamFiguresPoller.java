package io.clamator.transport.redis;

import io.clamator.metrics.StreamFigures;
import io.clamator.transport.spi.TransportTimer;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a service's command stream figures every interval, for the stream gauges: they show the
 * figures of the last pass, and none (NaN) while Redis cannot be read.
 */
final class StreamFiguresPoller {

    private static final Logger log = LoggerFactory.getLogger(StreamFiguresPoller.class);

    private final StreamInspection inspection;
    private final String stream;
    private final String group;
    private final RepeatedFailureLog failures;
    private final PeriodicPass passes;
    private volatile StreamFigures latest;

    StreamFiguresPoller(StreamInspection inspection, String service, String stream, Duration interval, TransportTimer timer) {
        this.inspection = inspection;
        this.stream = stream;
        this.group = service;
        this.failures = new RepeatedFailureLog(log, "reading the stream figures of service " + service);
        this.passes = new PeriodicPass(timer, interval, this::pass);
    }

    /** Reads the figures now and then every interval. */
    void start() {
        passes.start(Duration.ZERO);
    }

    void stop() {
        passes.stop();
        latest = null;
    }

    /** Waits until no pass is under way. */
    boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        return passes.awaitIdle(deadlineNanos);
    }

    /** The figures of the last pass; {@code null} before the first or after a failed one. */
    StreamFigures latest() {
        return latest;
    }

    private void pass(Runnable done) {
        inspection.inspect(stream, group, false).whenComplete((inspected, error) -> {
            if (!passes.isRunning()) {
                latest = null; // stopped meanwhile
            } else if (error == null) {
                failures.succeeded();
                latest = inspected.figures();
            } else {
                failures.failed(error, "the stream gauges read NaN until it succeeds");
                latest = null;
            }
            done.run();
        });
    }
}
