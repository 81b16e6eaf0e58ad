package io.clamator.boot.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.boot.ClamatorService;
import io.clamator.boot.autoconfigure.ClamatorAutoConfiguration;
import io.clamator.boot.autoconfigure.client.ClamatorClientAutoConfiguration;
import io.clamator.boot.autoconfigure.fixtures.Arith;
import io.clamator.boot.autoconfigure.fixtures.ArithService;
import io.clamator.boot.autoconfigure.fixtures.ServedArith;
import io.clamator.boot.autoconfigure.server.ClamatorServerAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorMemoryTransportAutoConfiguration;
import io.clamator.boot.autoconfigure.transport.ClamatorRedisTransportAutoConfiguration;
import io.clamator.server.ServerDescription;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.actuate.autoconfigure.endpoint.web.WebEndpointAutoConfiguration;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.WebEndpointsSupplier;
import org.springframework.boot.actuate.endpoint.web.WebOperation;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class ClamatorEndpointAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("clamator.transport=memory", "clamator.key-prefix=shop")
            .withConfiguration(AutoConfigurations.of(ClamatorEndpointAutoConfiguration.class, ClamatorAutoConfiguration.class,
                    ClamatorMemoryTransportAutoConfiguration.class, ClamatorRedisTransportAutoConfiguration.class,
                    ClamatorServerAutoConfiguration.class, ClamatorClientAutoConfiguration.class));

    @Test
    void anEndpointNotExposedIsNotCreated() {
        runner.run(context -> assertThat(context).doesNotHaveBean(ClamatorEndpoint.class));
    }

    @Test
    void anExposedEndpointDescribesWhatTheInstanceServesAndCalls() {
        runner.withUserConfiguration(ServedArith.class)
                .withPropertyValues("management.endpoints.web.exposure.include=clamator", "clamator.server.concurrency=3")
                .run(context -> {
                    ClamatorEndpoint.ClamatorDescriptor descriptor = context.getBean(ClamatorEndpoint.class).clamator();
                    assertThat(descriptor.server().transport()).isEqualTo("memory");
                    assertThat(descriptor.server().keyPrefix()).isEqualTo("shop");
                    assertThat(descriptor.server().running()).isTrue();
                    ServerDescription.Service arith = descriptor.server().services().get(0);
                    assertThat(arith.name()).isEqualTo("arith");
                    assertThat(arith.methods()).contains("add", "slowAdd");
                    assertThat(arith.concurrency()).isEqualTo(3);
                    assertThat(descriptor.clients()).containsOnlyKeys("default");
                    assertThat(descriptor.clients().get("default").keyPrefix()).isEqualTo("shop");
                    assertThat(descriptor.clients().get("default").callsInFlight()).isZero();
                    assertThat(descriptor.redis()).as("the memory transport has no Redis to read").isEqualTo(List.of());
                });
    }

    @Test
    void onTheMemoryTransportNoKeyPrefixCanBeAddressed() {
        runner.withPropertyValues("management.endpoints.web.exposure.include=clamator").run(context -> {
            ClamatorEndpoint endpoint = context.getBean(ClamatorEndpoint.class);
            assertThat(endpoint.keyPrefix("shop")).isNull();
            assertThatThrownBy(() -> endpoint.purgeAll("shop", "dead-letters")).isInstanceOf(InvalidEndpointRequestException.class);
        });
    }


    @Test
    void theEndpointsWritesAreOffUntilItsAccessIsUnrestricted() {
        WebApplicationContextRunner web = new WebApplicationContextRunner()
                .withPropertyValues("clamator.transport=memory", "clamator.key-prefix=shop", "management.endpoints.web.exposure.include=clamator")
                .withConfiguration(AutoConfigurations.of(ClamatorEndpointAutoConfiguration.class, ClamatorAutoConfiguration.class,
                        ClamatorMemoryTransportAutoConfiguration.class, ClamatorServerAutoConfiguration.class,
                        ClamatorClientAutoConfiguration.class, EndpointAutoConfiguration.class, WebEndpointAutoConfiguration.class));
        web.run(context -> assertThat(operationTypes(context)).as("by default").containsOnly(OperationType.READ));
        web.withPropertyValues("management.endpoint.clamator.access=UNRESTRICTED").run(context -> assertThat(operationTypes(context))
                .contains(OperationType.READ, OperationType.WRITE, OperationType.DELETE));
    }

    private static List<OperationType> operationTypes(org.springframework.context.ApplicationContext context) {
        ExposableWebEndpoint endpoint = context.getBean(WebEndpointsSupplier.class).getEndpoints().stream()
                .filter(candidate -> candidate.getEndpointId().toString().equals("clamator")).findFirst().orElseThrow();
        return endpoint.getOperations().stream().map(WebOperation::getType).toList();
    }
}
