package io.clamator.sample.docs.core;

import io.clamator.contract.ClamatorContract;
import io.clamator.contract.ClamatorMethod;
import io.clamator.contract.Notification;
import java.util.concurrent.CompletableFuture;

/** The {@code arith} contract of docs/core.md (the contract of the cross-language test suite). */
@ClamatorContract("arith")
public interface Arith {
    AddResult add(AddParams params);                              // arith.add, blocking
    CompletableFuture<AddResult> slowAdd(SlowAddParams params);   // arith.slowAdd, asynchronous
    @ClamatorMethod("echoText") EchoText echo(EchoText params);   // wire name differs from the Java name
    @Notification void ping(Ping params);                         // fire-and-forget, never answered

    record AddParams(double a, double b) {}
    record AddResult(double sum) {}
    record SlowAddParams(double a, double b, int sleepMs) {}
    record EchoText(String text) {}
    record Ping(String tag) {}
}
