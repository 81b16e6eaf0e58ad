package io.clamator.boot.test.autoconfigure;

import io.clamator.boot.autoconfigure.client.ClamatorClientRegistrar;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Warns about a mock of a contract that misses {@code @ClamatorClient} while the application
 * injects that contract's client proxy: the mock replaces (or adds) a plain bean, and the code
 * under test keeps calling through the proxy.
 */
final class UnqualifiedMockCheck implements BeanFactoryPostProcessor {

    private static final Log logger = LogFactory.getLog(UnqualifiedMockCheck.class);

    private final Set<ClamatorTestContextCustomizer.UnqualifiedMock> mocks;

    UnqualifiedMockCheck(Set<ClamatorTestContextCustomizer.UnqualifiedMock> mocks) {
        this.mocks = mocks;
    }

    @Override
    public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
        for (ClamatorTestContextCustomizer.UnqualifiedMock mock : this.mocks) {
            if (beanFactory.containsBeanDefinition(ClamatorClientRegistrar.proxyBeanName(mock.contract(), ""))) {
                String type = mock.contract().getSimpleName();
                logger.warn(mock.where() + " mocks " + mock.contract().getName() + " without @ClamatorClient, but the application"
                        + " injects it with @ClamatorClient: that client proxy is not replaced by the mock. Mark the field"
                        + " '@MockitoBean @ClamatorClient " + type + "' to mock the calls.");
            }
        }
    }
}
