package io.clamator.boot.autoconfigure.transport;

import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/** Fails the startup when the Redis transport is selected but {@code clamator-redis} is not on the classpath. */
class RedisModuleRequiredCheck implements BeanFactoryPostProcessor {

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        throw new RedisModuleRequiredException();
    }
}
