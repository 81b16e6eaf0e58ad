package io.clamator.boot.autoconfigure.client;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.BeanNameAware;
import org.springframework.beans.factory.FactoryBean;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;

/**
 * Makes the typed proxy of a contract for a backend from the application's
 * {@link ClamatorClients}: the bean {@link ClamatorClientRegistrar} registers for each
 * {@code @ClamatorClient} injection point. A plain bean class with constructor arguments, so that
 * Spring AOT can generate code for its registration.
 *
 * @param <T> the contract interface
 */
public class ClamatorClientFactoryBean<T> implements FactoryBean<T>, BeanFactoryAware, BeanNameAware {

    private final Class<T> contract;

    private final String backend;

    private ListableBeanFactory beanFactory;

    private String beanName;

    /**
     * @param contract the contract interface
     * @param backend  the backend, empty for the application's own client
     */
    public ClamatorClientFactoryBean(Class<T> contract, String backend) {
        this.contract = contract;
        this.backend = backend;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = (ListableBeanFactory) beanFactory;
    }

    @Override
    public void setBeanName(String name) {
        this.beanName = name;
    }

    @Override
    public T getObject() {
        String[] clientsBeans = this.beanFactory.getBeanNamesForType(ClamatorClients.class);
        if (clientsBeans.length != 1) {
            throw new IllegalStateException("Cannot create the clamator client of " + this.contract.getName()
                    + ": expected one ClamatorClients bean but found " + clientsBeans.length
                    + " (is a clamator transport configured?)");
        }
        ClamatorClients clients = this.beanFactory.getBean(clientsBeans[0], ClamatorClients.class);
        if (this.beanFactory instanceof ConfigurableBeanFactory configurable) {
            // the proxy is destroyed before the clients it calls through
            configurable.registerDependentBean(clientsBeans[0], this.beanName);
        }
        return clients.proxy(this.contract, this.backend);
    }

    @Override
    public Class<T> getObjectType() {
        return this.contract;
    }
}
