package io.clamator.boot.autoconfigure;

import java.util.Locale;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Works out the transport in use ({@link ClamatorTransportSelection}); see {@link ConditionalOnClamatorTransport}.
 */
class OnClamatorTransportCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnClamatorTransport.class.getName());
        ClamatorTransport required = (ClamatorTransport) attributes.get("value");
        ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnClamatorTransport.class,
                "(" + required.name().toLowerCase(Locale.ROOT) + ")");
        ClamatorTransportSelection selection = ClamatorTransportSelection.of(context.getEnvironment(), context.getClassLoader());
        if (selection.transport() == required) {
            return ConditionOutcome.match(message.because("selected " + selection.describe()));
        }
        return ConditionOutcome.noMatch(message.because("selected " + selection.describe()));
    }
}
