package io.clamator.sample.tracing;

import io.clamator.contract.ClamatorContract;

/** The contract of the tracing test: one application calls it, another serves it. */
@ClamatorContract("traced-echo")
public interface TracedEcho {

    Text echo(Text params);

    record Text(String text) {
    }
}
