package io.clamator.boot.autoconfigure.aot;

import io.clamator.boot.ClamatorService;
import io.clamator.boot.autoconfigure.client.ClamatorClientFactoryBean;
import io.clamator.boot.autoconfigure.client.ClamatorClientInjectionPoint;
import io.clamator.contract.ContractMethod;
import io.clamator.contract.Contracts;
import java.lang.reflect.Field;
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
import org.springframework.util.ClassUtils;

/**
 * The runtime hints of the contracts an application calls and serves, found in its bean factory
 * at build time: the client proxies' contracts (a JDK proxy each) and the contracts of its
 * {@link ClamatorService @ClamatorService} beans, with their methods (read and invoked
 * reflectively) and the params and result types of every method (bound by Jackson); and the
 * {@link io.clamator.boot.ClamatorClient @ClamatorClient} fields that clamator injects itself
 * (found and set reflectively).
 */
final class ClamatorContractHints implements BeanFactoryInitializationAotProcessor {

    private static final BindingReflectionHintsRegistrar BINDING = new BindingReflectionHintsRegistrar();

    @Override
    public BeanFactoryInitializationAotContribution processAheadOfTime(ConfigurableListableBeanFactory beanFactory) {
        Set<Class<?>> called = new LinkedHashSet<>();
        Set<Class<?>> served = new LinkedHashSet<>();
        Set<Field> injectedFields = new LinkedHashSet<>();
        for (String name : beanFactory.getBeanDefinitionNames()) {
            BeanDefinition definition = beanFactory.getMergedBeanDefinition(name);
            Class<?> beanType = beanFactory.getType(name, false);
            if (beanType != null) {
                for (ClamatorClientInjectionPoint point : ClamatorClientInjectionPoint.findIn(ClassUtils.getUserClass(beanType))) {
                    if (point.isFieldInjectedByClamator()) {
                        injectedFields.add(point.field());
                        if (Contracts.isContract(point.contract())) {
                            called.add(point.contract()); // a proxy may be made for it directly, without a bean
                        }
                    }
                }
            }
            if (ClamatorClientFactoryBean.class.getName().equals(definition.getBeanClassName())) {
                ConstructorArgumentValues.ValueHolder contract = definition.getConstructorArgumentValues()
                        .getIndexedArgumentValue(0, Class.class);
                if (contract != null && contract.getValue() instanceof Class<?> type) {
                    called.add(type);
                }
            } else if (beanType != null && beanFactory.findAnnotationOnBean(name, ClamatorService.class, false) != null) {
                served.addAll(Contracts.implementedBy(beanType));
            }
        }
        if (called.isEmpty() && served.isEmpty() && injectedFields.isEmpty()) {
            return null;
        }
        return (generationContext, code) -> {
            register(generationContext.getRuntimeHints(), called, served);
            injectedFields.forEach(field -> generationContext.getRuntimeHints().reflection().registerField(field));
        };
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
