package io.clamator.boot.test.apps.contracts;

import io.clamator.contract.ClamatorContract;

@ClamatorContract("arith")
public interface Arith {

    AddResult add(AddParams params);

    AddResult slowAdd(SlowAddParams params);

    record AddParams(double a, double b) {
    }

    record AddResult(double sum) {
    }

    record SlowAddParams(double a, double b, int sleepMs) {
    }
}
