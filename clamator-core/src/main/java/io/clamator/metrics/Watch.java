package io.clamator.metrics;

/** A source a gauge reads from, until it ends. */
@FunctionalInterface
public interface Watch {

    /** A watch that reads nothing. */
    Watch NONE = () -> { };

    /** Stops reading the source; the gauge reads NaN when no source is left. */
    void end();
}
