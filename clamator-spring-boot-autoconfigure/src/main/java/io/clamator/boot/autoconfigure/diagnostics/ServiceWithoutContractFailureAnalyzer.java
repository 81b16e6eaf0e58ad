package io.clamator.boot.autoconfigure.diagnostics;

import io.clamator.boot.autoconfigure.server.ServiceWithoutContractException;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.util.ClassUtils;

/** Explains a startup that failed because a {@code @ClamatorService} bean implements no contract. */
class ServiceWithoutContractFailureAnalyzer extends AbstractFailureAnalyzer<ServiceWithoutContractException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ServiceWithoutContractException cause) {
        Class<?>[] interfaces = ClassUtils.getAllInterfacesForClass(cause.getBeanType());
        String implemented = interfaces.length == 0 ? "none"
                : Arrays.stream(interfaces).map(Class::getName).collect(Collectors.joining(", "));
        String description = "The bean '" + cause.getBeanName() + "' (" + cause.getBeanType().getName()
                + ") is marked @ClamatorService but implements no clamator contract.\n\nInterfaces it implements: "
                + implemented;
        String action = "Make the bean implement an interface annotated with @ClamatorContract(\"<service-name>\"),"
                + " or remove @ClamatorService from it.";
        return new FailureAnalysis(description, action, cause);
    }
}
