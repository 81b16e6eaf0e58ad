package io.clamator.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.ref.WeakReference;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClamatorMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ClamatorMetrics metrics = ClamatorMetrics.of(registry);

    private double gauge(String name) {
        return registry.get(name).tag(ClamatorMeters.SERVICE, "arith").tag(ClamatorMeters.KEY_PREFIX, "shop").gauge().value();
    }

    @Test
    void theGaugesAddUpTheWorkersWatchedAndReadNaNWithoutAny() {
        ServiceMeters meters = metrics.service("shop", "arith");
        assertThat(gauge(ClamatorMeters.HANDLERS_ACTIVE)).isNaN();
        Watch first = meters.watchLoad(() -> 2, () -> 5);
        Watch second = meters.watchLoad(() -> 1, () -> 0);
        assertThat(gauge(ClamatorMeters.HANDLERS_ACTIVE)).isEqualTo(3);
        assertThat(gauge(ClamatorMeters.ENTRIES_QUEUED)).isEqualTo(5);
        first.end();
        assertThat(gauge(ClamatorMeters.HANDLERS_ACTIVE)).isEqualTo(1);
        second.end();
        assertThat(gauge(ClamatorMeters.HANDLERS_ACTIVE)).isNaN();
    }

    @Test
    void aRestartedServerIsWatchedByTheSameGauges() {
        metrics.service("shop", "arith").watchLoad(() -> 4, () -> 0).end();
        assertThat(metrics.service("shop", "arith")).isSameAs(metrics.service("shop", "arith"));
        metrics.service("shop", "arith").watchLoad(() -> 7, () -> 0);
        assertThat(gauge(ClamatorMeters.HANDLERS_ACTIVE)).isEqualTo(7);
        assertThat(registry.find(ClamatorMeters.HANDLERS_ACTIVE).gauges()).hasSize(1);
    }

    @Test
    void theStreamGaugesReadThePollersLatestFiguresAndNaNWithoutThem() {
        ServiceMeters meters = metrics.service("shop", "arith");
        StreamFigures[] latest = {null};
        meters.watchStream(() -> latest[0]);
        assertThat(gauge(ClamatorMeters.STREAM_LAG)).isNaN();
        latest[0] = new StreamFigures(10, 4, 6, 2_500);
        assertThat(gauge(ClamatorMeters.STREAM_LENGTH)).isEqualTo(10);
        assertThat(gauge(ClamatorMeters.STREAM_LAG)).isEqualTo(4);
        assertThat(gauge(ClamatorMeters.STREAM_PENDING)).isEqualTo(6);
        assertThat(gauge(ClamatorMeters.STREAM_OLDEST_PENDING_AGE)).isEqualTo(2.5);
    }

    @Test
    void everyServerAndClientOfARegistryFeedsTheSameGauges() {
        assertThat(ClamatorMetrics.of(registry)).isSameAs(metrics);
        ClamatorMetrics.of(registry).service("shop", "arith").watchLoad(() -> 2, () -> 0);
        metrics.service("shop", "arith").watchLoad(() -> 3, () -> 0);
        assertThat(gauge(ClamatorMeters.HANDLERS_ACTIVE)).isEqualTo(5);
    }

    @Test
    void metricsKeepTheirRegistryWhenNothingElseHoldsIt() {
        ClamatorMetrics held = ClamatorMetrics.of(new SimpleMeterRegistry());
        collectGarbage();
        Watch watch = held.client("shop").watchCalls(() -> 1);
        held.service("shop", "arith").poison();
        watch.end();
    }

    @Test
    void aRegistryInUseKeepsItsOneInstanceOfMetricsAndIsCollectedOnceNothingHoldsEither() {
        SimpleMeterRegistry own = new SimpleMeterRegistry();
        ClamatorMetrics.of(own).service("shop", "arith").watchLoad(() -> 2, () -> 0);
        collectGarbage();
        ClamatorMetrics.of(own).service("shop", "arith").watchLoad(() -> 3, () -> 0);
        assertThat(own.get(ClamatorMeters.HANDLERS_ACTIVE).gauge().value())
                .as("the instance found again feeds the gauges registered first").isEqualTo(5);

        WeakReference<SimpleMeterRegistry> registryRef = new WeakReference<>(own);
        own = null;
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            collectGarbage();
            return registryRef.get() == null;
        });
    }

    private static void collectGarbage() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
    }

    @Test
    void countersStartAtZeroAndClientTimeoutsAreCountedByService() {
        ServiceMeters meters = metrics.service("shop", "arith");
        assertThat(registry.get(ClamatorMeters.DEAD_LETTERS).counter().count()).isZero();
        meters.reclaimed(3);
        meters.deadLettered();
        metrics.client("shop").timedOut("arith");
        metrics.client("shop").timedOut("billing");
        assertThat(registry.get(ClamatorMeters.ENTRIES_RECLAIMED).counter().count()).isEqualTo(3);
        assertThat(registry.get(ClamatorMeters.DEAD_LETTERS).counter().count()).isEqualTo(1);
        assertThat(registry.get(ClamatorMeters.CLIENT_TIMEOUTS).tag(ClamatorMeters.SERVICE, "billing").counter().count()).isEqualTo(1);
    }

    @Test
    void noMetricsRecordNothing() {
        ClamatorMetrics none = ClamatorMetrics.none();
        assertThat(none.enabled()).isFalse();
        none.service("shop", "arith").poison();
        assertThat(none.service("shop", "arith").watchLoad(() -> 1, () -> 1)).isSameAs(Watch.NONE);
        assertThat(registry.getMeters()).isEmpty();
    }
}
