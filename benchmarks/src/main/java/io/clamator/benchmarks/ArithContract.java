package io.clamator.benchmarks;

import io.clamator.benchmarks.Payload.AddParams;
import io.clamator.benchmarks.Payload.AddResult;
import io.clamator.benchmarks.Payload.EchoText;
import io.clamator.contract.ClamatorContract;

/** The service the clamator systems serve; the Python peer serves the same one. */
@ClamatorContract("arith")
public interface ArithContract {

    AddResult add(AddParams params);

    EchoText echoText(EchoText params);

    /** Handlers that do no work of their own, so that the transport is what is measured. */
    final class Handlers implements ArithContract {

        @Override
        public AddResult add(AddParams params) {
            return new AddResult(params.a() + params.b());
        }

        @Override
        public EchoText echoText(EchoText params) {
            return new EchoText(params.text());
        }
    }

    /** The same handlers, run one at a time. */
    final class SerializedHandlers implements ArithContract {

        private final Handlers handlers = new Handlers();

        @Override
        public synchronized AddResult add(AddParams params) {
            return handlers.add(params);
        }

        @Override
        public synchronized EchoText echoText(EchoText params) {
            return handlers.echoText(params);
        }
    }
}
