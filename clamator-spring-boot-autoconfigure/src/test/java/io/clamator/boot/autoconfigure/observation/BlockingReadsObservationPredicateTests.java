package io.clamator.boot.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;

import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.tracing.LettuceObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Which Lettuce commands stay out of the application's observations: clamator's blocking reads of
 * its own streams, and nothing else, through the registry Spring Boot configures.
 */
class BlockingReadsObservationPredicateTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("clamator.transport=memory", "clamator.key-prefix=shop", "clamator.backends.billing.key-prefix=bill")
            .withBean("recording", ObservationHandler.class, () -> new ObservationHandler<>() {
                @Override
                public boolean supportsContext(Observation.Context context) {
                    return true;
                }
            })
            .withConfiguration(AutoConfigurations.of(
                    ObservationAutoConfiguration.class,
                    ClamatorObservationAutoConfiguration.class, ClamatorAutoConfiguration.class));

    @Test
    void clamatorsBlockingReadsAreNotObservedAndEveryOtherCommandIs() {
        runner.run(context -> {
            ObservationRegistry registry = context.getBean(ObservationRegistry.class);
            assertThat(observed(registry, blocking(CommandType.XREADGROUP, "GROUP", "orders", "orders:a", "shop:cmds:orders")))
                    .as("a server's read").isFalse();
            assertThat(observed(registry, blocking(CommandType.XREAD, null, null, null, "bill:replies:client-1")))
                    .as("a client's read of a backend's replies").isFalse();
            assertThat(observed(registry, blocking(CommandType.XREAD, null, null, null, "events"))).as("the application's own").isTrue();
            CommandArgs<String, String> add = new CommandArgs<>(StringCodec.UTF8).addKey("shop:cmds:orders").add("*").add("type").add("rpc");
            assertThat(observed(registry, command(CommandType.XADD, add))).as("a call").isTrue();
        });
    }

    @Test
    void theApplicationCanKeepThemObserved() {
        runner.withPropertyValues("clamator.observations.ignore-blocking-reads=false").run(context -> assertThat(observed(
                context.getBean(ObservationRegistry.class), blocking(CommandType.XREADGROUP, "GROUP", "orders", "orders:a",
                        "shop:cmds:orders"))).isTrue());
    }

    private static boolean observed(ObservationRegistry registry, Command<String, String, String> command) {
        LettuceObservationContext context = new LettuceObservationContext("redis");
        context.setCommand(command);
        return !Observation.createNotStarted("redis.command", () -> context, registry).isNoop();
    }

    private static Command<String, String, String> blocking(CommandType type, String group, String groupName, String consumer,
                                                            String stream) {
        CommandArgs<String, String> args = new CommandArgs<>(StringCodec.UTF8);
        if (group != null) {
            args.add(group).add(groupName).add(consumer);
        }
        args.add("COUNT").add(16).add("BLOCK").add(1000).add("STREAMS").addKey(stream).add(group != null ? ">" : "$");
        return command(type, args);
    }

    private static Command<String, String, String> command(CommandType type, CommandArgs<String, String> args) {
        return new Command<>(type, new StatusOutput<>(StringCodec.UTF8), args);
    }
}
