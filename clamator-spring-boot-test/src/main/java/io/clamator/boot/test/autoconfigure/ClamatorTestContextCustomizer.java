package io.clamator.boot.test.autoconfigure;

import io.clamator.boot.autoconfigure.client.ClamatorClientRegistrar;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import java.util.Set;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Applies what {@link ClamatorTestContextCustomizerFactory} found on a test class. A value object,
 * so that tests asking for the same things share a cached context.
 */
record ClamatorTestContextCustomizer(boolean memoryTransport, Set<Client> clients, Set<UnqualifiedMock> unqualifiedMocks)
        implements ContextCustomizer {

    static final String PROPERTY_SOURCE_NAME = "clamatorMemoryTransport";

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        if (!context.getBeanFactory().containsSingleton(ClamatorMemoryTransportAutoConfiguration.TEST_CONTEXT_MARKER)) {
            context.getBeanFactory().registerSingleton(ClamatorMemoryTransportAutoConfiguration.TEST_CONTEXT_MARKER, new TestContext());
        }
        if (this.memoryTransport) {
            TestPropertyValues.of("clamator.transport=memory")
                    .applyTo(context.getEnvironment(), TestPropertyValues.Type.MAP, PROPERTY_SOURCE_NAME);
        }
        if (!this.unqualifiedMocks.isEmpty()) {
            context.addBeanFactoryPostProcessor(new UnqualifiedMockCheck(this.unqualifiedMocks));
        }
        if (!this.clients.isEmpty() && context.getBeanFactory() instanceof BeanDefinitionRegistry registry) {
            for (Client client : this.clients) {
                ClamatorClientRegistrar.registerProxy(registry, client.contract(), client.backend());
            }
        }
    }

    /** Marks a test's application context. */
    record TestContext() {
    }

    /** A client the test class asks for. */
    record Client(Class<?> contract, String backend) {
    }

    /**
     * A {@code @MockitoBean} of a contract without {@code @ClamatorClient}.
     *
     * @param where the field, for the warning, e.g. {@code field 'pricing' of com.example.CheckoutTests}
     */
    record UnqualifiedMock(Class<?> contract, String where) {
    }
}
