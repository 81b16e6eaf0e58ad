package io.clamator.metrics;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.ToDoubleFunction;

/** The sources a gauge reads, added and ended while it lives; NaN while there is none. */
final class GaugeSources<S> {

    private final List<S> sources = new CopyOnWriteArrayList<>();

    Watch add(S source) {
        sources.add(source);
        return () -> sources.remove(source);
    }

    /** The sum over the sources. */
    double sum(ToDoubleFunction<S> value) {
        if (sources.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (S source : sources) {
            sum += value.applyAsDouble(source);
        }
        return sum;
    }

    /** The value of the first source that has one; NaN when none has. */
    double first(ToDoubleFunction<S> value) {
        for (S source : sources) {
            double read = value.applyAsDouble(source);
            if (!Double.isNaN(read)) {
                return read;
            }
        }
        return Double.NaN;
    }
}
