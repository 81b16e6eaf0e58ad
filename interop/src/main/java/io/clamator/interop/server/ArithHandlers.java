package io.clamator.interop.server;

import io.clamator.interop.contracts.Arith;
import io.clamator.protocol.RpcException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code arith} handlers, as the upstream drivers implement them. */
class ArithHandlers implements Arith {

    private static final Logger log = LoggerFactory.getLogger(ArithHandlers.class);

    private final HandledCounter counter;

    ArithHandlers(HandledCounter counter) {
        this.counter = counter;
    }

    @Override
    public AddResult add(AddParams params) {
        counter.increment();
        log.debug("handling arith.add a={} b={}", params.a(), params.b());
        return new AddResult(params.a() + params.b());
    }

    @Override
    public AddResult slowAdd(SlowAddParams params) {
        counter.increment();
        try {
            Thread.sleep(params.sleepMs());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sleeping", e);
        }
        return new AddResult(params.a() + params.b());
    }

    @Override
    public DivideResult divide(DivideParams params) {
        counter.increment();
        if (params.b() == 0) {
            throw new RpcException(-32000, "division by zero");
        }
        return new DivideResult(params.a() / params.b());
    }

    @Override
    public EchoText echoText(EchoText params) {
        counter.increment();
        return new EchoText(params.text());
    }
}
