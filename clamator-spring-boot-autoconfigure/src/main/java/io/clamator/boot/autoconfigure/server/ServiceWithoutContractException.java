package io.clamator.boot.autoconfigure.server;

import io.clamator.protocol.ClamatorException;

/** A bean marked {@link io.clamator.boot.ClamatorService @ClamatorService} implements no contract interface. */
public class ServiceWithoutContractException extends ClamatorException {

    private final String beanName;

    private final Class<?> beanType;

    public ServiceWithoutContractException(String beanName, Class<?> beanType) {
        super("@ClamatorService bean '" + beanName + "' (" + beanType.getName()
                + ") implements no interface annotated with @ClamatorContract");
        this.beanName = beanName;
        this.beanType = beanType;
    }

    public String getBeanName() {
        return beanName;
    }

    public Class<?> getBeanType() {
        return beanType;
    }
}
