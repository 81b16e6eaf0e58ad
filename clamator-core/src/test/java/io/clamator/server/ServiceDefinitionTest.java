package io.clamator.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.contract.ClamatorContract;
import io.clamator.contract.ClamatorMethod;
import io.clamator.contract.InvalidContractException;
import io.clamator.contract.MethodKind;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.fixtures.Notifications;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ServiceDefinitionTest {

    @Test
    void readsAnAnnotatedImplementation() {
        ServiceDefinition arith = ServiceDefinition.of(Arith.class, new ArithService());
        assertThat(arith.name()).isEqualTo("arith");
        assertThat(arith.methods()).extracting(m -> m.name()).containsExactlyInAnyOrder("add", "slowAdd", "divide", "echoText");
    }

    @Test
    void findsOneServicePerImplementedContract() {
        class Both extends ArithService implements Notifications {
            @Override
            public void ping(Ping params) {
            }
        }
        assertThat(ServiceDefinition.allOf(new Both())).extracting(ServiceDefinition::name)
                .containsExactlyInAnyOrder("arith", "notifications");
        assertThatThrownBy(() -> ServiceDefinition.allOf(new Object()))
                .isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("java.lang.Object implements no interface annotated with @ClamatorContract");
    }

    @Test
    void handBuiltDefinitionsValidateTheirNames() {
        assertThatThrownBy(() -> ServiceDefinition.builder("Orders"))
                .isInstanceOf(InvalidContractException.class).hasMessageContaining("\"Orders\"");
        assertThatThrownBy(() -> ServiceDefinition.builder("orders").request("place-order", String.class, String.class, p -> p))
                .isInstanceOf(InvalidContractException.class).hasMessageContaining("\"place-order\"");
        assertThatThrownBy(() -> ServiceDefinition.builder("orders")
                .request("place", String.class, String.class, p -> p)
                .notification("place", String.class, p -> { }))
                .isInstanceOf(InvalidContractException.class).hasMessageContaining("defined twice");
        assertThatThrownBy(() -> ServiceDefinition.builder("orders").build())
                .isInstanceOf(InvalidContractException.class).hasMessageContaining("defines no methods");
    }

    @Test
    void handBuiltNotificationsAreNotifications() {
        ServiceDefinition events = ServiceDefinition.builder("events")
                .notification("happened", String.class, p -> { })
                .build();
        assertThat(events.methods()).singleElement().satisfies(m -> {
            assertThat(m.kind()).isEqualTo(MethodKind.NOTIFICATION);
            assertThat(m.returnsNothing()).isTrue();
        });
    }

    @ClamatorContract("svc")
    interface Aliases {
        String x(String a);

        @ClamatorMethod("x")
        CompletableFuture<String> xAsync(String a);
    }

    @Test
    void aContractWithAliasesCannotBeServed() {
        Aliases implementation = new Aliases() {
            @Override
            public String x(String a) {
                return a;
            }

            @Override
            public CompletableFuture<String> xAsync(String a) {
                return CompletableFuture.completedFuture(a);
            }
        };
        assertThatThrownBy(() -> ServiceDefinition.of(Aliases.class, implementation))
                .isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("exactly one handler method per wire method");
    }

    @Test
    void rejectsAnImplementationOfTheWrongType() {
        @SuppressWarnings({"unchecked", "rawtypes"})
        Class<Object> arith = (Class) Arith.class;
        assertThatThrownBy(() -> ServiceDefinition.of(arith, "not an arith"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not implement");
    }
}
