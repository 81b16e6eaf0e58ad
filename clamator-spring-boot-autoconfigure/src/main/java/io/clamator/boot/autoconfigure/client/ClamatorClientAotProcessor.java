package io.clamator.boot.autoconfigure.client;

import io.clamator.boot.ClamatorClient;
import java.util.function.Predicate;
import org.springframework.aot.generate.GenerationContext;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCode;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragments;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragmentsDecorator;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.javapoet.CodeBlock;

/**
 * Keeps the backend of a client proxy's {@code @ClamatorClient} qualifier in the code Spring AOT
 * generates for its registration (which writes a qualifier's type but not its attributes), so that
 * {@code @ClamatorClient(backend = "billing")} still selects the billing proxy when the
 * application runs AOT-processed.
 */
final class ClamatorClientAotProcessor implements BeanRegistrationAotProcessor {

    /** The variable holding the bean definition in the generated code. */
    private static final String BEAN_DEFINITION = "beanDefinition";

    @Override
    public BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
        if (!ClamatorClientFactoryBean.class.equals(registeredBean.getBeanClass())) {
            return null;
        }
        AutowireCandidateQualifier qualifier = registeredBean.getMergedBeanDefinition().getQualifier(ClamatorClient.class.getName());
        Object backend = (qualifier != null) ? qualifier.getAttribute(ClamatorClientRegistrar.BACKEND) : null;
        if (!(backend instanceof String name) || name.isEmpty()) {
            return null; // the annotation's default: nothing to add
        }
        return BeanRegistrationAotContribution.withCustomCodeFragments(fragments -> new BackendQualifierFragments(fragments, name));
    }

    private static final class BackendQualifierFragments extends BeanRegistrationCodeFragmentsDecorator {

        private final String backend;

        BackendQualifierFragments(BeanRegistrationCodeFragments delegate, String backend) {
            super(delegate);
            this.backend = backend;
        }

        @Override
        public CodeBlock generateSetBeanDefinitionPropertiesCode(GenerationContext generationContext,
                BeanRegistrationCode beanRegistrationCode, RootBeanDefinition beanDefinition, Predicate<String> attributeFilter) {
            return CodeBlock.builder()
                    .add(super.generateSetBeanDefinitionPropertiesCode(generationContext, beanRegistrationCode, beanDefinition,
                            attributeFilter))
                    .addStatement("$L.getQualifier($S).setAttribute($S, $S)", BEAN_DEFINITION, ClamatorClient.class.getName(),
                            ClamatorClientRegistrar.BACKEND, this.backend)
                    .build();
        }
    }
}
