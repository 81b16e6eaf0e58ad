package io.clamator.boot.autoconfigure;

import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Works out the transport in use; see {@link ConditionalOnClamatorTransport}.
 */
class OnClamatorTransportCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        Map<String, Object> attributes = metadata.getAnnotationAttributes(ConditionalOnClamatorTransport.class.getName());
        ClamatorTransport required = (ClamatorTransport) attributes.get("value");
        ConditionMessage.Builder message = ConditionMessage.forCondition(ConditionalOnClamatorTransport.class,
                "(" + required.name().toLowerCase(java.util.Locale.ROOT) + ")");
        Selection selection = select(context.getEnvironment());
        String found = selection.transport().name().toLowerCase(java.util.Locale.ROOT) + " transport (" + selection.reason() + ")";
        if (selection.transport() == required) {
            return ConditionOutcome.match(message.because("selected " + found));
        }
        return ConditionOutcome.noMatch(message.because("selected " + found));
    }

    /** The transport the environment selects, and why. */
    static Selection select(Environment environment) {
        Binder binder = Binder.get(environment);
        ClamatorTransport explicit = binder.bind("clamator.transport", ClamatorTransport.class).orElse(null);
        if (explicit != null) {
            return new Selection(explicit, "clamator.transport is set");
        }
        List<String> testProfiles = binder.bind("clamator.test-profiles", Bindable.listOf(String.class))
                .orElse(List.of("test"));
        for (String profile : environment.getActiveProfiles()) {
            if (testProfiles.contains(profile)) {
                return new Selection(ClamatorTransport.MEMORY, "test profile '" + profile + "' is active");
            }
        }
        return new Selection(ClamatorTransport.REDIS, "the default");
    }

    record Selection(ClamatorTransport transport, String reason) {
    }
}
