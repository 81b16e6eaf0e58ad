package io.clamator.sample.docs.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Serves {@link Arith} in the plain-Java examples. */
public class ArithService implements Arith {

    final CopyOnWriteArrayList<String> pings = new CopyOnWriteArrayList<>();

    @Override
    public AddResult add(AddParams params) {
        return new AddResult(params.a() + params.b());
    }

    @Override
    public CompletableFuture<AddResult> slowAdd(SlowAddParams params) {
        return CompletableFuture.supplyAsync(() -> new AddResult(params.a() + params.b()),
                CompletableFuture.delayedExecutor(params.sleepMs(), TimeUnit.MILLISECONDS));
    }

    @Override
    public EchoText echo(EchoText params) {
        return params;
    }

    @Override
    public void ping(Ping params) {
        pings.add(params.tag());
    }
}
