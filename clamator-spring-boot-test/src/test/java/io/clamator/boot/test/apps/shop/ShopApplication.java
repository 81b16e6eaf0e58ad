package io.clamator.boot.test.apps.shop;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Serves {@code pricing} and calls the calculator's {@code arith}. */
@SpringBootApplication
public class ShopApplication {
}
