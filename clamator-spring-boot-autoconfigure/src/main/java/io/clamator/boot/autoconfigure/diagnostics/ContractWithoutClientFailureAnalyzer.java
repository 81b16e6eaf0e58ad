package io.clamator.boot.autoconfigure.diagnostics;

import io.clamator.contract.Contracts;
import org.springframework.beans.factory.NoSuchBeanDefinitionException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.analyzer.AbstractInjectionFailureAnalyzer;
import org.springframework.core.Ordered;

/**
 * Explains a startup that failed because a contract interface is injected without
 * {@link io.clamator.boot.ClamatorClient @ClamatorClient}: clamator's proxies are injected only
 * where that annotation asks for them. Ahead of Spring Boot's own analysis, whose advice (define
 * a bean of the type) points the wrong way here.
 */
class ContractWithoutClientFailureAnalyzer extends AbstractInjectionFailureAnalyzer<NoSuchBeanDefinitionException>
        implements Ordered {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, NoSuchBeanDefinitionException cause, String description) {
        Class<?> type = cause.getBeanType();
        if (type == null || !Contracts.isContract(type)) {
            return null;
        }
        String where = description != null ? description : "An injection point";
        return new FailureAnalysis(where + " needs a " + type.getName() + ", a clamator contract, and the application context"
                + " has no bean of that type to inject there: clamator's client proxies are injected only where @ClamatorClient"
                + " asks for them.",
                "Mark the injection point with @ClamatorClient (@ClamatorClient(backend = \"<name>\") for a backend of"
                        + " clamator.backends), e.g. '@ClamatorClient " + type.getSimpleName() + " " + decapitalized(type)
                        + "'. In tests, mock it with '@MockitoBean @ClamatorClient'.", cause);
    }

    private static String decapitalized(Class<?> type) {
        String name = type.getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
