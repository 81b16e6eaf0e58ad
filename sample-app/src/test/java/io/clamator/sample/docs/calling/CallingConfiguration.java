package io.clamator.sample.docs.calling;

import io.clamator.boot.ClamatorClient;
import io.clamator.sample.docs.contracts.Orders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/** A client injected into a {@code @Bean} method. */
@Profile("docs")
@Configuration(proxyBeanMethods = false)
public class CallingConfiguration {

    @Bean
    OrderReport orderReport(@ClamatorClient Orders orders) {
        return new OrderReport(orders);
    }

    /** Reports on the orders service. */
    public static class OrderReport {

        private final Orders orders;

        OrderReport(Orders orders) {
            this.orders = orders;
        }

        public String line() {
            Orders.Summary summary = orders.summary();
            return summary.open() + " open, " + summary.cancelled() + " cancelled";
        }
    }
}
