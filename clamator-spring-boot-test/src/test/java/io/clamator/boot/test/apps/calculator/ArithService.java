package io.clamator.boot.test.apps.calculator;

import io.clamator.boot.ClamatorService;
import io.clamator.boot.test.apps.contracts.Arith;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

@ClamatorService
public class ArithService implements Arith {

    public final AtomicInteger calls = new AtomicInteger();

    public final CountDownLatch slowStarted = new CountDownLatch(1);

    public volatile boolean slowFinished;

    @Override
    public AddResult add(AddParams params) {
        calls.incrementAndGet();
        return new AddResult(params.a() + params.b());
    }

    @Override
    public AddResult slowAdd(SlowAddParams params) {
        calls.incrementAndGet();
        slowStarted.countDown();
        try {
            Thread.sleep(params.sleepMs());
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        slowFinished = true;
        return new AddResult(params.a() + params.b());
    }
}
