package io.clamator.boot.test.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import io.clamator.boot.ClamatorClient;
import io.clamator.boot.autoconfigure.client.ClamatorClientRegistrar;
import io.clamator.boot.autoconfigure.client.InvalidClientInjectionPointException;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import io.clamator.boot.test.apps.contracts.Arith;
import io.clamator.boot.test.apps.contracts.Pricing;
import io.clamator.testing.LogCapture;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

class ClamatorTestContextCustomizerFactoryTests {

    private final ClamatorTestContextCustomizerFactory factory = new ClamatorTestContextCustomizerFactory();

    @Test
    void aTestThatAsksForNothingStillHasItsContextMarkedAsATests() {
        ContextCustomizer plain = factory.createContextCustomizer(Plain.class, List.of());
        assertThat(plain).as("one cached context for all such tests").isEqualTo(factory.createContextCustomizer(AlsoPlain.class, List.of()));
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            plain.customizeContext(context, null);
            assertThat(context.getBeanFactory().containsBean(ClamatorMemoryTransportAutoConfiguration.TEST_CONTEXT_MARKER)).isTrue();
            assertThat(context.getEnvironment().getProperty("clamator.transport")).isNull();
            assertThat(context.getBeanDefinitionNames()).isEmpty();
        }
    }

    @Test
    void equalCustomizersForTestsThatAskForTheSameThings() {
        ContextCustomizer first = factory.createContextCustomizer(UsesArith.class, List.of());
        ContextCustomizer second = factory.createContextCustomizer(AlsoUsesArith.class, List.of());
        ContextCustomizer other = factory.createContextCustomizer(UsesPricing.class, List.of());
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second).isNotEqualTo(other);
        assertThat(factory.createContextCustomizer(Memory.class, List.of()))
                .isEqualTo(factory.createContextCustomizer(AlsoMemory.class, List.of()))
                .isNotEqualTo(first);
    }

    @Test
    void swapsInTheMemoryTransportAheadOfEveryOtherProperty() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            org.springframework.test.context.support.TestPropertySourceUtils
                    .addInlinedPropertiesToEnvironment(context, "clamator.transport=redis");
            factory.createContextCustomizer(Memory.class, List.of()).customizeContext(context, null);
            assertThat(context.getEnvironment().getProperty("clamator.transport")).isEqualTo("memory");
        }
    }

    @Test
    void registersTheProxiesTheTestClassAsksFor() {
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            factory.createContextCustomizer(UsesArith.class, List.of()).customizeContext(context, null);
            assertThat(context.containsBeanDefinition(ClamatorClientRegistrar.proxyBeanName(Arith.class, ""))).isTrue();
            assertThat(context.containsBeanDefinition(ClamatorClientRegistrar.proxyBeanName(Pricing.class, "billing"))).isTrue();
            RootBeanDefinition definition = (RootBeanDefinition) context.getBeanDefinition(
                    ClamatorClientRegistrar.proxyBeanName(Arith.class, ""));
            assertThat(definition.isDefaultCandidate()).isFalse();
            assertThat(context.getEnvironment().getProperty("clamator.transport")).isNull();
        }
    }

    @Test
    void warnsOfAMockOfAContractWithoutClamatorClientWhereTheApplicationInjectsItsProxy() {
        try (LogCapture logs = LogCapture.of(UnqualifiedMockCheck.class);
             GenericApplicationContext context = new GenericApplicationContext()) {
            ClamatorClientRegistrar.registerProxy(context.getDefaultListableBeanFactory(), Pricing.class, "");
            factory.createContextCustomizer(MocksPricingWithoutQualifier.class, List.of()).customizeContext(context, null);
            context.getBeanFactoryPostProcessors().forEach(processor -> processor.postProcessBeanFactory(context.getBeanFactory()));
            assertThat(logs.at(Level.WARN)).singleElement().satisfies(event -> assertThat(event.getFormattedMessage())
                    .isEqualTo("field 'pricing' of " + MocksPricingWithoutQualifier.class.getName() + " mocks " + Pricing.class.getName()
                            + " without @ClamatorClient, but the application injects it with @ClamatorClient: that client proxy is not"
                            + " replaced by the mock. Mark the field '@MockitoBean @ClamatorClient Pricing' to mock the calls."));
        }
    }

    @Test
    void aMockWithClamatorClientOrOfAContractNobodyInjectsIsFine() {
        try (LogCapture logs = LogCapture.of(UnqualifiedMockCheck.class)) {
            for (Class<?> testClass : List.of(MocksPricingWithoutQualifier.class, MocksPricingWithQualifier.class)) {
                try (GenericApplicationContext context = new GenericApplicationContext()) {
                    if (testClass == MocksPricingWithQualifier.class) {
                        ClamatorClientRegistrar.registerProxy(context.getDefaultListableBeanFactory(), Pricing.class, "");
                    }
                    factory.createContextCustomizer(testClass, List.of()).customizeContext(context, null);
                    context.getBeanFactoryPostProcessors().forEach(processor -> processor.postProcessBeanFactory(context.getBeanFactory()));
                }
            }
            assertThat(logs.events()).isEmpty();
        }
    }

    @Test
    void aTestFieldOfANonContractTypeFails() {
        assertThatThrownBy(() -> factory.createContextCustomizer(UsesRunnable.class, List.of()))
                .isInstanceOf(InvalidClientInjectionPointException.class).hasMessageContaining("Runnable");
    }

    static class Plain {
    }

    static class MocksPricingWithoutQualifier {

        @MockitoBean
        Pricing pricing;
    }

    static class MocksPricingWithQualifier {

        @MockitoBean
        @ClamatorClient
        Pricing pricing;
    }

    static class AlsoPlain {
    }

    static class UsesArith {

        @ClamatorClient
        Arith arith;

        void method(@ClamatorClient(backend = "billing") Pricing pricing) {
        }
    }

    static class AlsoUsesArith {

        @ClamatorClient
        Arith arith;

        void method(@ClamatorClient(backend = "billing") Pricing pricing) {
        }
    }

    static class UsesPricing {

        @ClamatorClient
        Pricing pricing;
    }

    static class UsesRunnable {

        @ClamatorClient
        Runnable runnable;
    }

    @AutoConfigureClamatorMemoryTransport
    static class Memory {
    }

    @ClamatorTest
    static class AlsoMemory {
    }
}
