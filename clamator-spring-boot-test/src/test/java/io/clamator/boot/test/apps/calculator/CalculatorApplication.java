package io.clamator.boot.test.apps.calculator;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Serves {@code arith}. */
@SpringBootApplication
public class CalculatorApplication {
}
