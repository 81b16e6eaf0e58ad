package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import io.clamator.fixtures.Arith;
import io.clamator.fixtures.ArithService;
import io.clamator.server.ServerOptions;
import io.clamator.testing.LogCapture;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Bad entries are acknowledged, logged with their id, never answered, and never stop the consumer. */
class RedisBadInputTest extends RedisTestSupport {

    private final ArithService arith = new ArithService();
    private LogCapture logs;
    private RedisClusterCommands<byte[], byte[]> raw;

    @BeforeEach
    void startServer() {
        logs = LogCapture.of(RedisEntryHandler.class);
        RedisRpcServer server = closeLater(serverBuilder().options(ServerOptions.builder().maxPayloadBytes(4096).build()).build());
        server.register(Arith.class, arith);
        server.start();
        raw = rawBytes();
    }

    @AfterEach
    void closeRaw() {
        logs.close();
    }

    private String addEntry(Map<String, byte[]> fields) {
        Map<byte[], byte[]> body = new LinkedHashMap<>();
        fields.forEach((name, value) -> body.put(name.getBytes(StandardCharsets.UTF_8), value));
        return raw.xadd(commands("arith").getBytes(StandardCharsets.UTF_8), body);
    }

    private String addEnvelope(byte[] envelope) {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("type", utf8("rpc"));
        fields.put("envelope", envelope);
        fields.put("reply-to", utf8(replies("hand")));
        return addEntry(fields);
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void everyKindOfBadEntryIsAcknowledgedLoggedAndUnansweredButARequestTooLargeToReadIsAnswered() {
        List<String> poison = new ArrayList<>();
        poison.add(addEnvelope(utf8("not json at all")));
        poison.add(addEnvelope(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        poison.add(addEnvelope(utf8("[{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{},\"id\":\"b\"}]")));
        poison.add(addEnvelope(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"arith.slow-add\",\"params\":{},\"id\":\"m\"}")));
        poison.add(addEnvelope(utf8("{\"jsonrpc\":\"2.0\",\"id\":\"r\",\"result\":{}}")));
        byte[] big = utf8("{\"jsonrpc\":\"2.0\",\"method\":\"arith.echoText\",\"params\":{\"text\":\"" + "x".repeat(5000) + "\"},\"id\":\"big\"}");
        String oversized = addEnvelope(big);
        Map<String, byte[]> noEnvelope = new LinkedHashMap<>();
        noEnvelope.put("type", utf8("rpc"));
        noEnvelope.put("something", utf8("else"));
        poison.add(addEntry(noEnvelope));
        String good = addEnvelope(utf8("{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":1,\"b\":2},\"id\":\"good\"}"));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(xrange(replies("hand"))).hasSize(2));
        assertThat(xrange(replies("hand"))).extracting(reply -> value(reply, "envelope")).containsExactly(
                "{\"jsonrpc\":\"2.0\",\"id\":\"big\",\"error\":{\"code\":-32600,\"message\":\"Invalid Request\",\"data\":"
                        + "{\"reason\":\"envelope of " + big.length + " bytes exceeds the maximum of 4096\",\"bytes\":" + big.length
                        + ",\"maxBytes\":4096}}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"good\",\"result\":{\"sum\":3.0}}");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(redis.xpending(commands("arith"), "arith").getCount()).as("nothing left to redeliver").isZero());
        assertThat(arith.handled).hasValue(1);

        List<String> warnings = logs.at(Level.WARN).stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(poison.size() + 1);
        assertThat(warnings).anySatisfy(message -> assertThat(message)
                .isEqualTo("redis poison envelope: service=arith entry=" + oversized + ": envelope of " + big.length + " bytes exceeds the maximum of 4096"));
        for (String entryId : poison) {
            assertThat(warnings).anySatisfy(message -> assertThat(message).startsWith("redis poison envelope: service=arith entry=" + entryId));
        }
        assertThat(warnings).anySatisfy(message -> assertThat(message).endsWith(": no envelope field"));
        assertThat(good).isNotNull();
    }

    @Test
    void aReplyStreamOutsideTheKeyPrefixGetsNoReply() {
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("type", utf8("rpc"));
        fields.put("envelope", utf8("{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":1,\"b\":2},\"id\":\"x\"}"));
        fields.put("reply-to", utf8("elsewhere:" + prefix));
        addEntry(fields);
        await().atMost(Duration.ofSeconds(20)).until(() -> arith.handled.get() == 1);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero());
        assertThat(redis.exists("elsewhere:" + prefix)).isZero();
    }

    @Test
    void aReplyRedisRefusesIsNotRetriedForever() {
        redis.set(replies("not-a-stream"), "a string key");
        Map<String, byte[]> fields = new LinkedHashMap<>();
        fields.put("type", utf8("rpc"));
        fields.put("envelope", utf8("{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":1,\"b\":2},\"id\":\"x\"}"));
        fields.put("reply-to", utf8(replies("not-a-stream")));
        addEntry(fields);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(arith.handled).hasValue(1);
            assertThat(redis.xpending(commands("arith"), "arith").getCount()).isZero();
        });
        assertThat(logs.at(Level.WARN)).anySatisfy(event ->
                assertThat(event.getFormattedMessage()).contains("could not be written").contains("acknowledged without a reply"));
    }
}
