package io.clamator.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.clamator.fixtures.Arith;
import io.clamator.protocol.Names;
import io.clamator.fixtures.ArithService;
import io.clamator.fixtures.Notifications;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

class ContractsTest {

    @ClamatorContract("shapes")
    interface Shapes {
        Arith.AddResult blocking(Arith.AddParams params);

        CompletableFuture<Arith.AddResult> future(Arith.AddParams params);

        CompletionStage<List<String>> stage(Arith.AddParams params);

        Mono<Arith.AddResult> mono(Arith.AddParams params);

        void fireAndWait(Arith.AddParams params);

        @Notification
        void fire(Arith.AddParams params);

        @ClamatorMethod(value = "renamed", timeoutMillis = 250, handlerTimeoutMillis = 2000)
        String original();

        default String helper() {
            return "not part of the contract";
        }

        static String utility() {
            return "neither";
        }
    }

    @ClamatorContract("Bad_Name")
    interface BadService {
        void x();
    }

    interface NotAnnotated {
        void x();
    }

    @ClamatorContract("svc")
    interface BadMethod {
        @ClamatorMethod("slow-add")
        void x();
    }

    @ClamatorContract("svc")
    interface UppercaseMethod {
        void Run();
    }

    @ClamatorContract("svc")
    interface TwoParams {
        void x(String a, String b);
    }

    @ClamatorContract("svc")
    interface NotificationWithResult {
        @Notification
        String x(String a);
    }

    @ClamatorContract("svc")
    interface Clash {
        void x(String a);

        @ClamatorMethod("x")
        @Notification
        void y(String a);
    }

    @ClamatorContract("svc")
    interface Aliases {
        String x(String a);

        @ClamatorMethod("x")
        CompletableFuture<String> xAsync(String a);
    }

    @ClamatorContract("svc")
    interface NegativeTimeout {
        @ClamatorMethod(timeoutMillis = -5)
        void x();
    }

    @ClamatorContract("svc")
    abstract static class NotAnInterface {
    }

    private static Map<String, ContractMethod> byName(ContractDefinition definition) {
        return definition.methods().stream().collect(Collectors.toMap(m -> m.definition().name(), Function.identity()));
    }

    @Test
    void readsTheServiceNameAndWireMethodNames() {
        ContractDefinition arith = Contracts.read(Arith.class);
        assertThat(arith.service()).isEqualTo("arith");
        assertThat(byName(arith)).containsOnlyKeys("add", "slowAdd", "divide", "echoText");
        MethodDefinition add = byName(arith).get("add").definition();
        assertThat(add.kind()).isEqualTo(MethodKind.REQUEST);
        assertThat(add.paramsType()).isEqualTo(Arith.AddParams.class);
        assertThat(add.resultType()).isEqualTo(Arith.AddResult.class);
        assertThat(add.timeout()).isNull();
    }

    @Test
    void readsReturnShapesResultTypesNotificationsAndTimeouts() {
        Map<String, ContractMethod> methods = byName(Contracts.read(Shapes.class));
        assertThat(methods).containsOnlyKeys("blocking", "future", "stage", "mono", "fireAndWait", "fire", "renamed");
        assertThat(methods.get("blocking").shape()).isEqualTo(ReturnShape.VALUE);
        assertThat(methods.get("future").shape()).isEqualTo(ReturnShape.FUTURE);
        assertThat(methods.get("future").definition().resultType()).isEqualTo(Arith.AddResult.class);
        assertThat(methods.get("stage").shape()).isEqualTo(ReturnShape.FUTURE);
        assertThat(methods.get("stage").definition().resultType().getTypeName()).isEqualTo("java.util.List<java.lang.String>");
        assertThat(methods.get("mono").shape()).isEqualTo(ReturnShape.MONO);
        assertThat(methods.get("mono").definition().resultType()).isEqualTo(Arith.AddResult.class);
        assertThat(methods.get("fireAndWait").definition().kind()).isEqualTo(MethodKind.REQUEST);
        assertThat(methods.get("fireAndWait").definition().returnsNothing()).isTrue();
        assertThat(methods.get("fire").definition().isNotification()).isTrue();
        assertThat(methods.get("renamed").definition().timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(methods.get("renamed").definition().handlerTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(methods.get("blocking").definition().handlerTimeout()).as("the server's setting").isNull();
        assertThat(methods.get("renamed").definition().paramsType()).isNull();
        assertThat(Contracts.read(Notifications.class).methods()).singleElement()
                .satisfies(m -> assertThat(m.definition().kind()).isEqualTo(MethodKind.NOTIFICATION));
    }

    @Test
    void rejectsInvalidContractsNamingTheInterfaceAndMethod() {
        assertThatThrownBy(() -> Contracts.read(BadService.class)).isInstanceOf(InvalidContractException.class)
                .hasMessageContaining(BadService.class.getName()).hasMessageContaining("\"Bad_Name\"");
        assertThatThrownBy(() -> Contracts.read(NotAnnotated.class)).isInstanceOf(InvalidContractException.class)
                .hasMessageContaining(NotAnnotated.class.getName()).hasMessageContaining("@ClamatorContract");
        assertThatThrownBy(() -> Contracts.read(BadMethod.class)).isInstanceOf(InvalidContractException.class)
                .hasMessageContaining(BadMethod.class.getName() + ", method x").hasMessageContaining("\"slow-add\"")
                .hasMessageEndingWith("; give it a valid wire name with @ClamatorMethod(\"slowAdd\")");
        assertThatThrownBy(() -> Contracts.read(UppercaseMethod.class)).isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("method Run").hasMessageEndingWith("@ClamatorMethod(\"run\")");
        assertThatThrownBy(() -> Contracts.read(TwoParams.class)).isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("at most one parameter");
        assertThatThrownBy(() -> Contracts.read(NotificationWithResult.class)).isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("must return void");
        assertThatThrownBy(() -> Contracts.read(Clash.class)).isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("\"x\" is also used by").hasMessageContaining("request");
        assertThatThrownBy(() -> Contracts.read(NegativeTimeout.class)).isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("timeoutMillis");
        assertThatThrownBy(() -> Contracts.read(NotAnInterface.class)).isInstanceOf(InvalidContractException.class)
                .hasMessageContaining("is not an interface");
    }

    @Test
    void suggestsAValidMethodNameWhereOneCanBeMade() {
        assertThat(Names.suggestMethod("place_order")).isEqualTo("placeOrder");
        assertThat(Names.suggestMethod("GetPrice")).isEqualTo("getPrice");
        assertThat(Names.suggestMethod("slow-add")).isEqualTo("slowAdd");
        assertThat(Names.suggestMethod("_2fast")).as("must start with a letter").isEqualTo("fast");
        assertThat(Names.suggestMethod("123")).isNull();
        assertThat(Names.suggestMethod("get price")).isEqualTo("getPrice");
    }

    @Test
    void allowsSeveralJavaFormsOfOneWireMethod() {
        assertThat(Contracts.read(Aliases.class).methods()).hasSize(2)
                .allSatisfy(method -> assertThat(method.definition().name()).isEqualTo("x"));
    }

    @Test
    void findsEveryContractAClassImplements() {
        class Both extends ArithService implements Notifications {
            @Override
            public void ping(Ping params) {
            }
        }
        assertThat(Contracts.implementedBy(Both.class)).containsExactlyInAnyOrder(Arith.class, Notifications.class);
        assertThat(Contracts.implementedBy(String.class)).isEmpty();
        assertThat(Contracts.isContract(Arith.class)).isTrue();
        assertThat(Contracts.isContract(NotAnnotated.class)).isFalse();
    }
}
