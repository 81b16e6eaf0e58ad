package io.clamator.interop.server;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.List;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches when {@code interop.contracts} lists the given contract. */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Conditional(ConditionalOnContract.OnContract.class)
@interface ConditionalOnContract {

    String value();

    final class OnContract implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String contract = (String) metadata.getAnnotationAttributes(ConditionalOnContract.class.getName()).get("value");
            List<String> selected = Binder.get(context.getEnvironment())
                    .bind("interop.contracts", Bindable.listOf(String.class))
                    .orElse(List.of());
            return selected.contains(contract);
        }
    }
}
