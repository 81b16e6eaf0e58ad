package io.clamator.boot.autoconfigure.client;

import io.clamator.contract.Contracts;
import java.lang.reflect.Field;
import java.util.LinkedHashSet;
import java.util.Set;
import org.springframework.beans.BeansException;
import org.springframework.beans.PropertyValues;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DependencyDescriptor;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Injects fields marked {@link io.clamator.boot.ClamatorClient @ClamatorClient} that carry no
 * {@code @Autowired}: the field is resolved like an autowired one (so it gets the qualified proxy
 * bean, or a test's mock of it).
 */
final class ClamatorClientFieldInjector implements InstantiationAwareBeanPostProcessor, BeanFactoryAware, Ordered {

    private ConfigurableListableBeanFactory beanFactory;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        if (!(beanFactory instanceof ConfigurableListableBeanFactory configurable)) {
            throw new IllegalArgumentException("ClamatorClientFieldInjector requires a ConfigurableListableBeanFactory");
        }
        this.beanFactory = configurable;
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 2;
    }

    @Override
    public PropertyValues postProcessProperties(PropertyValues pvs, Object bean, String beanName) throws BeansException {
        for (ClamatorClientInjectionPoint point : ClamatorClientInjectionPoint.findIn(ClassUtils.getUserClass(bean))) {
            if (point.isFieldInjectedByClamator()) {
                inject(bean, beanName, point);
            }
        }
        return pvs;
    }

    private void inject(Object bean, String beanName, ClamatorClientInjectionPoint point) {
        Field field = point.field();
        Object value;
        try {
            Set<String> injected = new LinkedHashSet<>();
            value = this.beanFactory.resolveDependency(new DependencyDescriptor(field, true), beanName, injected,
                    this.beanFactory.getTypeConverter());
            for (String dependency : injected) {
                if (beanName != null && this.beanFactory.containsBean(dependency)) {
                    this.beanFactory.registerDependentBean(dependency, beanName);
                }
            }
        } catch (NoSuchBeanDefinitionException ex) {
            // no proxy bean was registered for this field (its class was not known when the
            // definitions were scanned): make the proxy directly
            if (!Contracts.isContract(point.contract())) {
                throw new InvalidClientInjectionPointException(point.description(), point.contract(), point.backend(),
                        InvalidClientInjectionPointException.Reason.NOT_A_CONTRACT);
            }
            value = this.beanFactory.getBean(ClamatorClients.class).proxy(point.contract(), point.backend());
        }
        ReflectionUtils.makeAccessible(field);
        ReflectionUtils.setField(field, bean, value);
    }
}
