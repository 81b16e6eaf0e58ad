package io.clamator.interop.contracts;

import io.clamator.contract.ClamatorContract;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/**
 * The upstream interop contract {@code arith}: {@code add {a, b} -> {sum}},
 * {@code slowAdd {a, b, sleepMs >= 0} -> {sum}}, {@code divide {a, b} -> {q}} (b == 0 answers
 * -32000 "division by zero"), {@code echoText {text} -> {text}}.
 */
@ClamatorContract("arith")
public interface Arith {

    AddResult add(AddParams params);

    AddResult slowAdd(SlowAddParams params);

    DivideResult divide(DivideParams params);

    EchoText echoText(EchoText params);

    record AddParams(double a, double b) {
    }

    record AddResult(double sum) {
    }

    record SlowAddParams(double a, double b, @Min(0) int sleepMs) {
    }

    record DivideParams(double a, double b) {
    }

    record DivideResult(double q) {
    }

    record EchoText(@NotNull String text) {
    }
}
