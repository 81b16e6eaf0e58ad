package io.clamator.boot.autoconfigure;

import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Which transport an application's environment selects, and why: the one named by
 * {@code clamator.transport} when it is set; otherwise {@link ClamatorTransport#MEMORY memory}
 * while a profile of {@code clamator.test-profiles} is active and the test support module
 * ({@code clamator-spring-boot-test}, a test-scoped dependency) is on the classpath, so that a
 * deployment environment that happens to be named {@code test} keeps serving over Redis; else
 * {@link ClamatorTransport#REDIS redis}.
 *
 * @param transport the transport selected
 * @param reason    why, in words for a log line, e.g. {@code test profile 'test' is active}
 */
public record ClamatorTransportSelection(ClamatorTransport transport, String reason) {

    /** A class of the test support module. */
    private static final String TEST_MODULE_CLASS = "io.clamator.boot.test.autoconfigure.ClamatorTest";

    /** The selection of an environment, the test support module looked for with {@code classLoader}. */
    public static ClamatorTransportSelection of(Environment environment, ClassLoader classLoader) {
        Binder binder = Binder.get(environment);
        ClamatorTransport explicit = binder.bind("clamator.transport", ClamatorTransport.class).orElse(null);
        if (explicit != null) {
            return new ClamatorTransportSelection(explicit, "clamator.transport is set");
        }
        List<String> testProfiles = binder.bind("clamator.test-profiles", Bindable.listOf(String.class)).orElse(List.of("test"));
        for (String profile : environment.getActiveProfiles()) {
            if (testProfiles.contains(profile)) {
                return ClassUtils.isPresent(TEST_MODULE_CLASS, classLoader)
                        ? new ClamatorTransportSelection(ClamatorTransport.MEMORY, "test profile '" + profile + "' is active")
                        : new ClamatorTransportSelection(ClamatorTransport.REDIS, "test profile '" + profile
                                + "' is active, but clamator-spring-boot-test is not on the classpath");
            }
        }
        return new ClamatorTransportSelection(ClamatorTransport.REDIS, "the default");
    }

    /** E.g. {@code memory transport (test profile 'test' is active)}. */
    public String describe() {
        return this.transport.name().toLowerCase(Locale.ROOT) + " transport (" + this.reason + ")";
    }
}
