package io.clamator.boot.autoconfigure.aot;

import io.clamator.boot.ClamatorService;
import io.clamator.boot.autoconfigure.client.ClamatorClientFactoryBean;
import io.clamator.contract.ContractMethod;
import io.clamator.contract.Contracts;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues;

/**
 * The runtime hints of the contracts an application calls and serves, found in its bean factory
 * at build time: the client proxies' contracts (a JDK proxy each) and the contracts of its
 * {@link ClamatorService @ClamatorService} beans, with their methods (read and invoked
 * reflectively) and the params and result types of every method (bound by Jackson).
 */
final class ClamatorContractHints implements BeanFactoryInitializationAotProcessor {

    private static final BindingReflectionHintsRegistrar BINDING = new BindingReflectionHintsRegistrar();

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        Set<Class<?>> called = new LinkedHashSet<>();
        Set<Class<?>> served = new LinkedHashSet<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
            if (ClamatorClientFactoryBean.class.getName().equals(definition.getBeanClassName())) {
                ConstructorArgumentValues.ValueHolder contract = definition.getConstructorArgumentValues()
                        .getIndexedArgumentValue(0, Class.class);
                if (contract != null && contract.getValue() instanceof Class<?> type) {
                    called.add(type);
                }
            } else if (beanFactory.findAnnotationOnBean(name, ClamatorService.class, false) != null) {
                Class<?> type = beanFactory.getType(name, false);
                if (type != null) {
                    served.addAll(Contracts.implementedBy(type));
                }
            }
        }
        if (called.isEmpty() && served.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> register(generationContext.getRuntimeHints(), called, served);
    }

    /** Registers what calling the {@code called} contracts and serving the {@code served} ones needs. */
    static void register(RuntimeHints hints, Set<Class<?>> called, Set<Class<?>> served) {
        Set<Class<?>> contracts = new LinkedHashSet<>(called);
        contracts.addAll(served);
        for (Class<?> contract : contracts) {
            hints.reflection().registerType(contract, MemberCategory.INVOKE_PUBLIC_METHODS);
            for (ContractMethod method : Contracts.read(contract).methods()) {
                Stream.of(method.definition().paramsType(), method.definition().resultType())
                        .filter(type -> type != null && type != void.class && type != Void.class)
                        .forEach(type -> BINDING.registerReflectionHints(hints.reflection(), type));
            }
        }
        called.forEach(contract -> hints.proxies().registerJdkProxy(contract));
    }
}
