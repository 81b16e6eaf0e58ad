package io.clamator.sample.docs.calling;

import io.clamator.boot.ClamatorClient;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Injects a client of the {@code billing} backend: {@code @BillingBackend Billing billing}. */
@Target({ElementType.FIELD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
@ClamatorClient(backend = "billing")
public @interface BillingBackend {
}
