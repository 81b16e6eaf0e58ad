package io.clamator.boot.autoconfigure.aot;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.ClamatorService;
import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientRegistrar;
import io.clamator.boot.autoconfigure.fixtures.Arith;
import io.clamator.boot.autoconfigure.fixtures.ArithService;
import io.clamator.boot.autoconfigure.fixtures.Greeter;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.aot.test.generate.TestGenerationContext;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.test.tools.CompileWithForkedClassLoader;
import org.springframework.core.test.tools.TestCompiler;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

/** clamator under Spring AOT: the hints of the contracts, and client proxies that AOT generates code for. */
class ClamatorAotTests {

    @ClamatorService
    static class AnnotatedArith extends ArithService {
    }

    @Test
    void theContractsCalledAndServedGetTheirHints() {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        ClamatorClientRegistrar.registerProxy(beanFactory, Greeter.class, "");
        beanFactory.registerBeanDefinition("arith", new RootBeanDefinition(AnnotatedArith.class));
        TestGenerationContext generationContext = new TestGenerationContext();

        new ClamatorContractHints().processAheadOfTime(beanFactory).applyTo(generationContext, null);

        RuntimeHints hints = generationContext.getRuntimeHints();
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Greeter.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Arith.class)).as("served, not called: no proxy").rejects(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Arith.class).withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Greeter.class).withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS))
                .accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Arith.AddParams.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Arith.AddResult.class)).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onType(Greeter.Greeting.class)).accepts(hints);
    }

    static class FieldCaller {

        @ClamatorClient
        private Greeter greeter;

        @ClamatorClient
        @org.springframework.beans.factory.annotation.Autowired
        private Arith autowired;
    }

    @Test
    void theClientFieldsClamatorInjectsItselfGetFieldHints() throws Exception {
        DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
        beanFactory.registerBeanDefinition("caller", new RootBeanDefinition(FieldCaller.class));
        TestGenerationContext generationContext = new TestGenerationContext();

        new ClamatorContractHints().processAheadOfTime(beanFactory).applyTo(generationContext, null);

        RuntimeHints hints = generationContext.getRuntimeHints();
        assertThat(RuntimeHintsPredicates.reflection().onField(FieldCaller.class.getDeclaredField("greeter"))).accepts(hints);
        assertThat(RuntimeHintsPredicates.reflection().onField(FieldCaller.class.getDeclaredField("autowired")))
                .as("injected by Spring, whose own hints cover it").rejects(hints);
        assertThat(RuntimeHintsPredicates.proxies().forInterfaces(Greeter.class)).accepts(hints);
    }

    @Test
    void anApplicationWithoutContractsNeedsNoHints() {
        assertThat(new ClamatorContractHints().processAheadOfTime(new DefaultListableBeanFactory())).isNull();
    }

    @Test
    @CompileWithForkedClassLoader
    void clientProxiesOfEveryBackendWorkInAnAotProcessedContext() {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.setEnvironment(environment());
        context.register(Application.class);
        TestGenerationContext generationContext = new TestGenerationContext();
        ClassName initializer = new ApplicationContextAotGenerator().processAheadOfTime(context, generationContext);
        generationContext.writeGeneratedContent();

        TestCompiler.forSystem().with(generationContext).compile(compiled -> {
            GenericApplicationContext aotContext = new GenericApplicationContext();
            aotContext.setEnvironment(environment());
            @SuppressWarnings("unchecked")
            ApplicationContextInitializer<GenericApplicationContext> initialize =
                    compiled.getInstance(ApplicationContextInitializer.class, initializer.reflectionName());
            initialize.initialize(aotContext);
            aotContext.refresh();
            try {
                Caller caller = aotContext.getBean(Caller.class);
                assertThat(Proxy.isProxyClass(caller.own.getClass())).isTrue();
                assertThat(caller.billing).isNotSameAs(caller.own);
                AutowireCandidateQualifier qualifier = ((RootBeanDefinition) aotContext.getBeanFactory()
                        .getMergedBeanDefinition(ClamatorClientRegistrar.proxyBeanName(Greeter.class, "billing")))
                        .getQualifier(ClamatorClient.class.getName());
                assertThat(qualifier.getAttribute("backend")).isEqualTo("billing");
            } finally {
                aotContext.close();
            }
        });
    }

    private static MockEnvironment environment() {
        return new MockEnvironment().withProperty("clamator.transport", "memory")
                .withProperty("clamator.backends.billing.key-prefix", "billing");
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ClamatorAutoConfiguration.class, ClamatorMemoryTransportAutoConfiguration.class,
            ClamatorRedisTransportAutoConfiguration.class, ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class})
    static class Application {

        @org.springframework.context.annotation.Bean
        Caller caller(@ClamatorClient Greeter own, @ClamatorClient(backend = "billing") Greeter billing) {
            return new Caller(own, billing);
        }
    }

    record Caller(Greeter own, Greeter billing) {
    }
}
