package io.clamator.boot.autoconfigure.client;

import io.clamator.boot.ClamatorClient;
import io.clamator.boot.autoconfigure.ClamatorProperties;
import io.clamator.contract.Contracts;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Registers a bean for each contract (and backend) that an injection point marked
 * {@link ClamatorClient @ClamatorClient} asks for: the typed proxy made by
 * the application's {@link ClamatorClients#proxy(Class, String)}.
 *
 * <p>Each proxy bean carries the {@code @ClamatorClient} qualifier with its backend and is not a
 * default autowire candidate: it is injected only where {@code @ClamatorClient} asks for it, so a
 * local {@link io.clamator.boot.ClamatorService @ClamatorService} bean implementing the same
 * contract keeps being the one injected by plain type, and {@code @MockitoBean @ClamatorClient}
 * replaces the proxy in tests.
 *
 * <p>The injection points are found by scanning the classes of the registered beans (fields,
 * constructor and method parameters, among them {@code @Bean} method parameters of
 * configuration classes); their types and backends are checked here, so that mistakes fail the
 * startup early.
 */
public class ClamatorClientRegistrar implements BeanDefinitionRegistryPostProcessor, EnvironmentAware {

    /** The qualifier attribute naming a proxy's backend. */
    static final String BACKEND = "backend";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
        Set<String> backends = configuredBackends();
        Set<Class<?>> scanned = new HashSet<>();
        for (String beanName : registry.getBeanDefinitionNames()) {
            Class<?> type = beanType(registry, beanName);
            if (type == null || !scanned.add(type)) {
                continue;
            }
            for (ClamatorClientInjectionPoint point : ClamatorClientInjectionPoint.findIn(type)) {
                check(point, backends);
                registerProxy(registry, point.contract(), point.backend());
            }
        }
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
    }

    private Set<String> configuredBackends() {
        if (this.environment == null) {
            return Set.of();
        }
        Map<String, ClamatorProperties.Backend> backends = Binder.get(this.environment)
                .bind("clamator.backends", Bindable.mapOf(String.class, ClamatorProperties.Backend.class))
                .orElse(Map.of());
        return backends.keySet();
    }

    private static Class<?> beanType(BeanDefinitionRegistry registry, String beanName) {
        try {
            Class<?> type = null;
            if (registry instanceof ConfigurableListableBeanFactory beanFactory) {
                type = beanFactory.getType(beanName, false);
            }
            if (type == null) {
                String className = registry.getBeanDefinition(beanName).getBeanClassName();
                if (className != null) {
                    type = ClassUtils.forName(className, ClamatorClientRegistrar.class.getClassLoader());
                }
            }
            return type == null ? null : ClassUtils.getUserClass(type);
        } catch (Throwable ex) {
            // A bean whose type cannot be worked out here: its @ClamatorClient fields are still
            // injected, directly, by ClamatorClientFieldInjector.
            return null;
        }
    }

    private static void check(ClamatorClientInjectionPoint point, Set<String> backends) {
        if (!Contracts.isContract(point.contract())) {
            throw new InvalidClientInjectionPointException(point.description(), point.contract(), point.backend(),
                    InvalidClientInjectionPointException.Reason.NOT_A_CONTRACT);
        }
        if (!point.backend().isEmpty() && !backends.contains(point.backend())) {
            throw new InvalidClientInjectionPointException(point.description(), point.contract(), point.backend(),
                    InvalidClientInjectionPointException.Reason.UNKNOWN_BACKEND);
        }
    }

    /** The name of the proxy bean of a contract and backend. */
    public static String proxyBeanName(Class<?> contract, String backend) {
        return contract.getName() + "#clamatorClient" + (backend.isEmpty() ? "" : "@" + backend);
    }

    /**
     * Registers the proxy bean of a contract and backend unless it is registered already.
     *
     * @param registry the bean factory
     * @return the bean name
     * @throws io.clamator.contract.InvalidContractException if the interface breaks the contract rules
     */
    public static String registerProxy(BeanDefinitionRegistry registry, Class<?> contract, String backend) {
        String beanName = proxyBeanName(contract, backend);
        if (registry.containsBeanDefinition(beanName)) {
            return beanName;
        }
        Contracts.read(contract);
        RootBeanDefinition definition = new RootBeanDefinition(ClamatorClientFactoryBean.class);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, contract);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(1, backend);
        definition.setTargetType(ResolvableType.forClassWithGenerics(ClamatorClientFactoryBean.class, contract));
        AutowireCandidateQualifier qualifier = new AutowireCandidateQualifier(ClamatorClient.class);
        qualifier.setAttribute(BACKEND, backend);
        definition.addQualifier(qualifier);
        definition.setDefaultCandidate(false);
        definition.setDescription("clamator client proxy of " + contract.getName()
                + (backend.isEmpty() ? "" : " for backend '" + backend + "'"));
        registry.registerBeanDefinition(beanName, definition);
        return beanName;
    }
}
