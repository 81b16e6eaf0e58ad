package io.clamator.boot.autoconfigure.transport;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/** Fails the startup when the Redis transport is selected but Lettuce is not on the classpath. */
class LettuceRequiredCheck implements BeanFactoryPostProcessor, BeanClassLoaderAware {

    private ClassLoader classLoader = LettuceRequiredCheck.class.getClassLoader();

    @Override
    public void setBeanClassLoader(ClassLoader classLoader) {
        this.classLoader = classLoader;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        throw new LettuceRequiredException(ClassUtils.isPresent("redis.clients.jedis.Jedis", this.classLoader));
    }
}
