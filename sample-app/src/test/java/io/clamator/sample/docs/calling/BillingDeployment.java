package io.clamator.sample.docs.calling;

import io.clamator.server.ServerOptions;
import io.clamator.transport.memory.MemoryBus;
import io.clamator.transport.memory.MemoryRpcServer;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * Stands in for the billing deployment in a test on the memory transport: serves {@link Billing}
 * on the context's bus under the backend's key prefix, where the application's
 * {@code @ClamatorClient(backend = "billing")} clients look for it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class BillingDeployment {

    @Bean(initMethod = "start", destroyMethod = "stop")
    MemoryRpcServer billingDeployment(MemoryBus bus) {
        MemoryRpcServer billing = new MemoryRpcServer(bus, "billing", ServerOptions.defaults());
        billing.register(Billing.class, new BillingService());
        return billing;
    }
}
