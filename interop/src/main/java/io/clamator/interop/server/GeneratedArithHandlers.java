package io.clamator.interop.server;

import io.clamator.interop.generated.Arith;

/** The generated {@code arith} contract (upstream's codegen fixture, integers), served for scenario generated-contract. */
final class GeneratedArithHandlers implements Arith {

    private final HandledCounter counter;

    GeneratedArithHandlers(HandledCounter counter) {
        this.counter = counter;
    }

    @Override
    public AddResult add(AddParams params) {
        counter.increment();
        return new AddResult(params.a() + params.b());
    }

    @Override
    public DivideResult divide(DivideParams params) {
        counter.increment();
        return new DivideResult((double) params.a() / params.b(), params.a() % params.b());
    }
}
