package io.clamator.benchmarks;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.clamator.benchmarks.Payload.AddParams;
import io.clamator.benchmarks.Payload.AddResult;
import io.clamator.benchmarks.Payload.EchoText;
import io.clamator.json.ClamatorJson;
import io.clamator.protocol.Envelope;
import io.clamator.protocol.EnvelopeCodec;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.transport.Kind;
import io.micrometer.observation.transport.ReceiverContext;
import io.micrometer.observation.transport.SenderContext;
import io.lettuce.core.Consumer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.TransactionResult;
import io.lettuce.core.XAddArgs;
import io.lettuce.core.XGroupCreateArgs;
import io.lettuce.core.XReadArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.netty.util.HashedWheelTimer;
import io.netty.util.Timeout;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.StringNode;

/**
 * Component measurements behind the optimisation proposals for clamator-core
 * ({@code benchmarks/run.sh --components}): each isolates one cost of the Redis transport's call
 * path on this machine and compares it with an alternative. Only public APIs of clamator-core, Lettuce
 * and Netty are used; nothing here is the transport itself.
 */
final class Components {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);
    private static final String REPLY_AND_ACK = """
            redis.call('XADD', KEYS[1], 'MAXLEN', '~', ARGV[1], '*', 'type', 'rpc', 'envelope', ARGV[2])
            return redis.call('XACK', KEYS[2], ARGV[3], ARGV[4])
            """;

    private Components() {
    }

    /** Rounds of every measurement, interleaved; each figure printed is the median of its rounds. */
    private static final int ROUNDS = 3;
    private static final Map<String, Map<String, List<Double>>> FIGURES = new LinkedHashMap<>();

    static void run(RedisHarness redis, String run) throws Exception {
        System.out.println("== components (medians of " + ROUNDS + " interleaved rounds)");
        RedisClient client = RedisClient.create(redis.url);
        try {
            for (int round = 1; round <= ROUNDS; round++) {
                System.out.println("  round " + round);
                handoff();
                json();
                jsonPasses();
                timers();
                observations();
                readLoops(client, redis, run);
                replyWrites(client, redis, run);
            }
        } finally {
            client.shutdown();
        }
        FIGURES.forEach((what, figures) -> {
            StringBuilder line = new StringBuilder("COMPONENT ").append(what);
            figures.forEach((name, values) -> line.append(' ').append(name).append('=').append(format(median(values))));
            System.out.println(line);
        });
    }

    private static void record(String what, String name, double value) {
        FIGURES.computeIfAbsent(what, k -> new LinkedHashMap<>()).computeIfAbsent(name, k -> new ArrayList<>()).add(value);
    }

    private static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String format(double value) {
        return value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    // ---- thread handoffs ------------------------------------------------------------------------

    /** What one wake-up of a parked thread costs: the unit behind every thread handoff of a call. */
    private static void handoff() throws Exception {
        int n = 20_000;
        Histogram roundTrips = new Histogram(Measurement.HIGHEST_NANOS, 3);
        Thread caller = Thread.currentThread();
        AtomicLong turn = new AtomicLong();
        Thread other = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                while (turn.get() != 1) {
                    LockSupport.park();
                }
                turn.set(0);
                LockSupport.unpark(caller);
            }
        }, "bench-pingpong");
        other.start();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            turn.set(1);
            LockSupport.unpark(other);
            while (turn.get() != 0) {
                LockSupport.park();
            }
            roundTrips.recordValue(System.nanoTime() - start);
        }
        other.join();
        ExecutorService cached = Executors.newCachedThreadPool();
        Histogram submit = new Histogram(Measurement.HIGHEST_NANOS, 3);
        for (int i = 0; i < 5_000; i++) {
            long start = System.nanoTime();
            CompletableFuture<Long> started = new CompletableFuture<>();
            cached.execute(() -> started.complete(System.nanoTime()));
            long ran = started.get();
            submit.recordValue(ran - start);
            LockSupport.parkNanos(200_000);
        }
        cached.shutdown();
        record("handoff", "park_unpark_round_trip_p50_us", roundTrips.getValueAtPercentile(50) / 1e3);
        record("handoff", "park_unpark_round_trip_p99_us", roundTrips.getValueAtPercentile(99) / 1e3);
        record("handoff", "cached_pool_execute_to_run_p50_us", submit.getValueAtPercentile(50) / 1e3);
        record("handoff", "cached_pool_execute_to_run_p99_us", submit.getValueAtPercentile(99) / 1e3);
    }

    // ---- JSON -----------------------------------------------------------------------------------

    @JsonPropertyOrder({"jsonrpc", "method", "params", "id"})
    record WireRequest<P>(String jsonrpc, String method, P params, String id) {
    }

    @JsonPropertyOrder({"jsonrpc", "id", "result"})
    record WireSuccess<R>(String jsonrpc, String id, R result) {
    }

    record AddRequest(String jsonrpc, String method, AddParams params, String id) {
    }

    record AddSuccess(String jsonrpc, String id, AddResult result) {
    }

    record EchoRequest(String jsonrpc, String method, EchoText params, String id) {
    }

    record EchoSuccess(String jsonrpc, String id, EchoText result) {
    }

    /**
     * JSON work of one call, client and server together: today's path (params and results
     * converted to trees and back, envelopes parsed to trees) against binding envelopes directly.
     */
    private static void json() {
        ClamatorJson json = ClamatorJson.defaults();
        EnvelopeCodec codec = new EnvelopeCodec(json.mapper());
        JsonMapper mapper = json.mapper();
        for (Payload payload : List.of(Payload.SMALL, Payload.KIB4)) {
            Object params = payload.params;
            Class<?> paramsType = params.getClass();
            Function<Object, Object> handler = payload == Payload.SMALL
                    ? p -> new AddResult(((AddParams) p).a() + ((AddParams) p).b())
                    : p -> new EchoText(((EchoText) p).text());
            Class<?> resultType = payload == Payload.SMALL ? AddResult.class : EchoText.class;
            Class<?> directRequest = payload == Payload.SMALL ? AddRequest.class : EchoRequest.class;
            Class<?> directSuccess = payload == Payload.SMALL ? AddSuccess.class : EchoSuccess.class;
            String method = payload.method;
            Runnable trees = () -> {
                String id = UUID.randomUUID().toString();
                byte[] request = codec.encodeToBytes(new Envelope.Request(StringNode.valueOf(id), "arith", method, json.toTree(params)));
                Envelope.Request call = (Envelope.Request) codec.parse(request);
                Object bound = json.fromTree(call.params(), paramsType);
                byte[] reply = codec.encodeToBytes(new Envelope.Success(call.id(), json.toTree(handler.apply(bound))));
                Envelope.Success success = (Envelope.Success) codec.parse(reply);
                json.fromTree(success.result(), resultType);
            };
            Runnable direct = () -> {
                String id = UUID.randomUUID().toString();
                byte[] request = mapper.writeValueAsBytes(new WireRequest<>("2.0", "arith." + method, params, id));
                Object call = mapper.readValue(request, directRequest);
                Object bound = payload == Payload.SMALL ? ((AddRequest) call).params() : ((EchoRequest) call).params();
                String callId = payload == Payload.SMALL ? ((AddRequest) call).id() : ((EchoRequest) call).id();
                byte[] reply = mapper.writeValueAsBytes(new WireSuccess<>("2.0", callId, handler.apply(bound)));
                mapper.readValue(reply, directSuccess);
            };
            Runnable uuidOnly = () -> UUID.randomUUID().toString();
            double treeNanos = nanosPerOp(trees);
            double directNanos = nanosPerOp(direct);
            double uuidNanos = nanosPerOp(uuidOnly);
            record("json " + payload.label, "trees_us_per_call", treeNanos / 1e3);
            record("json " + payload.label, "direct_binding_us_per_call", directNanos / 1e3);
            record("json " + payload.label, "uuid_v4_us", uuidNanos / 1e3);
        }
    }

    /**
     * One pass of each kind over the 4 KiB payload's params: written from the record and from its
     * tree, read into the record and into a tree, and the bare UTF-8 copies (text to bytes and back)
     * no JSON pass can go below. Says whether trees or the text itself cost a 4 KiB call its time.
     */
    private static void jsonPasses() {
        JsonMapper mapper = ClamatorJson.defaults().mapper();
        EchoText params = Payload.KIB4.echo;
        JsonNode tree = mapper.valueToTree(params);
        byte[] json = mapper.writeValueAsBytes(params);
        String what = "json_passes " + Payload.KIB4.label;
        record(what, "write_record_us", nanosPerOp(() -> sink = mapper.writeValueAsBytes(params)) / 1e3);
        record(what, "write_tree_us", nanosPerOp(() -> sink = mapper.writeValueAsBytes(tree)) / 1e3);
        record(what, "read_record_us", nanosPerOp(() -> sink = mapper.readValue(json, EchoText.class)) / 1e3);
        record(what, "read_tree_us", nanosPerOp(() -> sink = mapper.readTree(json)) / 1e3);
        record(what, "utf8_encode_us", nanosPerOp(() -> sink = params.text().getBytes(StandardCharsets.UTF_8)) / 1e3);
        record(what, "utf8_decode_us", nanosPerOp(() -> sink = new String(json, StandardCharsets.UTF_8)) / 1e3);
    }

    /** Where a measured operation leaves its result, so that the JIT cannot drop the work. */
    private static volatile Object sink;

    /** Like {@link #nanosPerOp} in the process's CPU time: the work of other threads (a span exporter's, the GC) included. */
    private static double processCpuNanosPerOp(Runnable op) {
        int n = 100_000;
        System.gc();
        long start = OS.getProcessCpuTime();
        for (int i = 0; i < n; i++) {
            op.run();
        }
        System.gc();
        return (OS.getProcessCpuTime() - start) / (double) n;
    }

    private static double nanosPerOp(Runnable op) {
        for (int i = 0; i < 50_000; i++) {
            op.run();
        }
        double best = Double.MAX_VALUE;
        for (int round = 0; round < 3; round++) {
            int n = 50_000;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                op.run();
            }
            best = Math.min(best, (System.nanoTime() - start) / (double) n);
        }
        return best;
    }

    // ---- observations ---------------------------------------------------------------------------

    /**
     * What the observation stack of {@link ObservedTelemetry} costs per call without clamator: a
     * sender observation with a scope (timer, long-task timer and client span, the trace context
     * injected into a map) and a receiver observation continuing it (timer, long-task timer, server
     * span), with the ten keys clamator's observations carry. The floor of what observing a call
     * can cost, whatever the transport.
     */
    private static void observations() {
        for (String observed : List.of("both", "both-without-long-task-timers", "timers", "timers-without-long-task-timers", "spans")) {
            observationPair(observed);
        }
    }

    private static void observationPair(String observed) {
        ObservationRegistry registry = ObservedTelemetry.create(observed).observations().registry();
        KeyValues tags = KeyValues.of("rpc.system.name", "jsonrpc", "jsonrpc.protocol.version", "2.0", "rpc.service", "arith",
                "rpc.method", "add", "rpc.response.status_code", "OK", "error.type", "none", "clamator.outcome", "success",
                "clamator.call.kind", "call", "clamator.key_prefix", "bench");
        Runnable pair = () -> {
            Map<String, String> carrier = new java.util.HashMap<>();
            SenderContext<Map<String, String>> sent = new SenderContext<>((map, key, value) -> map.put(key, value), Kind.CLIENT);
            sent.setCarrier(carrier);
            Observation client = Observation.createNotStarted("rpc.client.call", () -> sent, registry)
                    .lowCardinalityKeyValues(tags).highCardinalityKeyValue("jsonrpc.request.id", "1").start();
            try (Observation.Scope scope = client.openScope()) {
                ReceiverContext<Map<String, String>> received = new ReceiverContext<>((map, key) -> map.get(key), Kind.SERVER);
                received.setCarrier(carrier);
                Observation server = Observation.createNotStarted("rpc.server.call", () -> received, registry)
                        .lowCardinalityKeyValues(tags).highCardinalityKeyValue("jsonrpc.request.id", "1").start();
                server.openScope().close();
                server.stop();
            }
            client.stop();
        };
        record("observations " + observed, "client_and_server_observation_us_per_call", nanosPerOp(pair) / 1e3);
        record("observations " + observed, "process_cpu_us_per_call", processCpuNanosPerOp(pair) / 1e3);
    }

    // ---- call timeouts --------------------------------------------------------------------------

    /**
     * A timeout per call at the pace of sequential calls (one every 300 us): a scheduled-executor
     * task scheduled and cancelled per call (today: wakes the timer thread whenever its queue was
     * empty), a hashed wheel (a ticking thread, no wake-up per call), and none at all.
     */
    private static void timers() throws Exception {
        int n = 10_000;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "bench-stpe");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        HashedWheelTimer wheel = new HashedWheelTimer(r -> {
            Thread thread = new Thread(r, "bench-wheel");
            thread.setDaemon(true);
            return thread;
        }, 10, TimeUnit.MILLISECONDS);
        wheel.start();
        double none = paced(n, () -> null, ignored -> { });
        double stpe = paced(n, () -> executor.schedule(() -> { }, 30, TimeUnit.SECONDS), task -> ((ScheduledFuture<?>) task).cancel(false));
        double wheeled = paced(n, () -> wheel.newTimeout(t -> { }, 30, TimeUnit.SECONDS), task -> ((Timeout) task).cancel());
        executor.shutdownNow();
        wheel.stop();
        record("timeouts process_cpu_us_per_call", "none", none);
        record("timeouts process_cpu_us_per_call", "scheduled_executor", stpe);
        record("timeouts process_cpu_us_per_call", "hashed_wheel", wheeled);
    }

    private static double paced(int n, Supplier<Object> schedule, java.util.function.Consumer<Object> cancel) {
        long cpu = OS.getProcessCpuTime();
        for (int i = 0; i < n; i++) {
            Object task = schedule.get();
            LockSupport.parkNanos(300_000);
            cancel.accept(task);
        }
        return (OS.getProcessCpuTime() - cpu) / 1e3 / n;
    }

    // ---- read loops -----------------------------------------------------------------------------

    /**
     * A request/reply round trip through two streams, as a call makes it (XADD request, XREAD by
     * the responder, XADD reply, XREAD by the requester), with the blocking reads run either as
     * synchronous Lettuce calls on threads of their own (today's reader threads: each read's result
     * is handed from the Netty event loop to the reader thread) or asynchronously, the next read
     * issued from the completion of the last on the event loop (no handoff).
     */
    private static void readLoops(RedisClient client, RedisHarness redis, String run) throws Exception {
        for (boolean async : new boolean[] {false, true}) {
            String requests = run + ":components:req:" + async;
            String replies = run + ":components:rep:" + async;
            List<StatefulRedisConnection<String, byte[]>> connections = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                connections.add(client.connect(CODEC));
            }
            RedisAsyncCommands<String, byte[]> requesterCommands = connections.get(0).async();
            RedisAsyncCommands<String, byte[]> responderCommands = connections.get(1).async();
            ReadLoop responder = new ReadLoop(connections.get(2), requests, async,
                    entry -> responderCommands.xadd(replies, Map.of("envelope", entry.getBody().get("envelope"))));
            AtomicLong pendingStart = new AtomicLong();
            Histogram latencies = new Histogram(Measurement.HIGHEST_NANOS, 3);
            int calls = 4_000;
            CountDownLatch done = new CountDownLatch(1);
            AtomicLong remaining = new AtomicLong(calls + 1_000);
            byte[] body = "{\"jsonrpc\":\"2.0\",\"method\":\"arith.add\",\"params\":{\"a\":2.0,\"b\":3.0},\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8);
            Runnable[] next = new Runnable[1];
            next[0] = () -> {
                pendingStart.set(System.nanoTime());
                requesterCommands.xadd(requests, Map.of("envelope", body));
            };
            ReadLoop requester = new ReadLoop(connections.get(3), replies, async, entry -> {
                long elapsed = System.nanoTime() - pendingStart.get();
                long left = remaining.decrementAndGet();
                if (left < calls) {
                    latencies.recordValue(elapsed);
                }
                if (left > 0) {
                    next[0].run();
                } else {
                    done.countDown();
                }
            });
            responder.start();
            requester.start();
            Thread.sleep(100);
            long cpu = OS.getProcessCpuTime();
            long redisCpu = redis.cpuNanos();
            next[0].run();
            done.await(2, TimeUnit.MINUTES);
            double cpuPerCall = (OS.getProcessCpuTime() - cpu) / 1e3 / (calls + 1_000);
            double redisPerCall = (redis.cpuNanos() - redisCpu) / 1e3 / (calls + 1_000);
            responder.stop();
            requester.stop();
            connections.forEach(StatefulRedisConnection::close);
            redis.deleteKeys(run + ":components:*");
            String what = "read_loops " + (async ? "async_on_event_loop" : "sync_reader_threads");
            record(what, "round_trip_p50_us", latencies.getValueAtPercentile(50) / 1e3);
            record(what, "mean_us", latencies.getMean() / 1e3);
            record(what, "p99_us", latencies.getValueAtPercentile(99) / 1e3);
            record(what, "jvm_cpu_us_per_round_trip", cpuPerCall);
            record(what, "redis_cpu_us", redisPerCall);
        }
    }

    /** XREAD BLOCK on one stream from its start, handing each entry to a consumer. */
    private static final class ReadLoop {
        private final StatefulRedisConnection<String, byte[]> connection;
        private final String stream;
        private final boolean async;
        private final java.util.function.Consumer<StreamMessage<String, byte[]>> entries;
        private final XReadArgs args = XReadArgs.Builder.block(Duration.ofMillis(200));
        private volatile boolean running = true;
        private volatile String lastId = "0-0";
        private Thread thread;

        ReadLoop(StatefulRedisConnection<String, byte[]> connection, String stream, boolean async,
                 java.util.function.Consumer<StreamMessage<String, byte[]>> entries) {
            this.connection = connection;
            this.stream = stream;
            this.async = async;
            this.entries = entries;
        }

        void start() {
            if (async) {
                readAsync();
            } else {
                RedisCommands<String, byte[]> sync = connection.sync();
                thread = new Thread(() -> {
                    while (running) {
                        deliver(sync.xread(args, XReadArgs.StreamOffset.from(stream, lastId)));
                    }
                }, "bench-reader");
                thread.setDaemon(true);
                thread.start();
            }
        }

        private void readAsync() {
            if (!running) {
                return;
            }
            connection.async().xread(args, XReadArgs.StreamOffset.from(stream, lastId)).thenAccept(messages -> {
                deliver(messages);
                readAsync();
            });
        }

        private void deliver(List<StreamMessage<String, byte[]>> messages) {
            for (StreamMessage<String, byte[]> message : messages) {
                lastId = message.getId();
                entries.accept(message);
            }
        }

        void stop() throws InterruptedException {
            running = false;
            if (thread != null) {
                thread.join(2_000);
            } else {
                Thread.sleep(300);
            }
        }
    }

    // ---- reply and acknowledgement ------------------------------------------------------------------

    /**
     * Writing a reply and acknowledging its entry: today's Lua script (EVALSHA), the two commands
     * in a MULTI/EXEC transaction, and the two commands pipelined (sent together, in order, on one
     * connection). Each acknowledges real pending entries of a consumer group.
     */
    private static void replyWrites(RedisClient client, RedisHarness redis, String run) throws Exception {
        StatefulRedisConnection<String, byte[]> connection = client.connect(CODEC);
        StatefulRedisConnection<String, byte[]> transactionConnection = client.connect(CODEC);
        RedisAsyncCommands<String, byte[]> commands = connection.async();
        RedisAsyncCommands<String, byte[]> transactions = transactionConnection.async();
        String sha = commands.digest(REPLY_AND_ACK);
        commands.scriptLoad(REPLY_AND_ACK.getBytes(StandardCharsets.UTF_8)).get();
        byte[] envelope = "{\"jsonrpc\":\"2.0\",\"id\":\"0b5e2cf0-8c55-4b0a-9d53-9a1c1e6f6a5e\",\"result\":{\"sum\":5.0}}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] maxLen = "1024".getBytes(StandardCharsets.UTF_8);
        XAddArgs replyArgs = XAddArgs.Builder.maxlen(1024).approximateTrimming();
        for (String variant : List.of("lua_script", "multi_exec", "pipelined", "pipelined_one_write", "batch16_one_write")) {
            for (int concurrency : new int[] {1, 64}) {
                if (variant.startsWith("batch") && concurrency == 1) {
                    continue;
                }
                String stream = run + ":components:cmds:" + variant + concurrency;
                String replies = run + ":components:replies:" + variant + concurrency;
                List<String> ids = pendingEntries(connection, stream, 20_000);
                Function<String, CompletionStage<?>> op = switch (variant) {
                    case "lua_script" -> id -> commands.evalsha(sha, ScriptOutputType.INTEGER, new String[] {replies, stream},
                            maxLen, envelope, "g".getBytes(StandardCharsets.UTF_8), id.getBytes(StandardCharsets.UTF_8));
                    case "multi_exec" -> id -> multiExec(transactions, replies, replyArgs, envelope, stream, id);
                    case "pipelined_one_write" -> id -> oneWrite(connection, replies, envelope, stream, id);
                    case "batch16_one_write" -> new BatchWriter(connection, replies, envelope, stream, 16)::add;
                    default -> id -> {
                        commands.xadd(replies, replyArgs, Map.of("type", "rpc".getBytes(StandardCharsets.UTF_8), "envelope", envelope));
                        return commands.xack(stream, "g", id);
                    };
                };
                Map<String, Long> before = redis.commandStats();
                long redisCpu = redis.cpuNanos();
                long jvmCpu = OS.getProcessCpuTime();
                long start = System.nanoTime();
                Histogram latencies = drive(ids, op, concurrency);
                double seconds = (System.nanoTime() - start) / 1e9;
                double jvmCpuPerOp = (OS.getProcessCpuTime() - jvmCpu) / 1e3 / ids.size();
                double redisCpuPerOp = (redis.cpuNanos() - redisCpu) / 1e3 / ids.size();
                Map<String, Long> after = redis.commandStats();
                long usec = 0;
                for (String command : List.of("evalsha", "xadd", "xack", "multi", "exec")) {
                    usec += after.getOrDefault(command + ".usec", 0L) - before.getOrDefault(command + ".usec", 0L);
                }
                redis.deleteKeys(run + ":components:*");
                String what = "reply_and_ack " + variant + " c=" + concurrency;
                record(what, "p50_us", latencies.getValueAtPercentile(50) / 1e3);
                record(what, "ops_per_s", ids.size() / seconds);
                record(what, "redis_command_us_per_op", (double) usec / ids.size());
                record(what, "redis_cpu_us_per_op", redisCpuPerOp);
                record(what, "jvm_cpu_us_per_op", jvmCpuPerOp);
            }
        }
        connection.close();
        transactionConnection.close();
    }

    /** XADD and XACK handed to the connection together, so that they leave in one write. */
    private static CompletionStage<?> oneWrite(StatefulRedisConnection<String, byte[]> connection, String replies, byte[] envelope,
                                              String stream, String id) {
        CommandArgs<String, byte[]> xaddArgs = new CommandArgs<>(CODEC).addKey(replies).add("MAXLEN").add("~").add(1024).add("*")
                .add("type").addValue("rpc".getBytes(StandardCharsets.UTF_8)).add("envelope").addValue(envelope);
        CommandArgs<String, byte[]> xackArgs = new CommandArgs<>(CODEC).addKey(stream).add("g").add(id);
        AsyncCommand<String, byte[], String> xadd = new AsyncCommand<>(new Command<>(CommandType.XADD, new StatusOutput<>(CODEC), xaddArgs));
        AsyncCommand<String, byte[], Long> xack = new AsyncCommand<>(new Command<>(CommandType.XACK, new IntegerOutput<>(CODEC), xackArgs));
        connection.dispatch(List.of(xadd, xack));
        return xack;
    }

    /**
     * Replies that arrive together leave together: up to {@code size} XADDs and one XACK naming all
     * their entries, in one write (a group commit; at low load a batch is a single reply).
     */
    private static final class BatchWriter {
        private final StatefulRedisConnection<String, byte[]> connection;
        private final String replies;
        private final byte[] envelope;
        private final String stream;
        private final int size;
        private final List<String> ids = new ArrayList<>();
        private final List<CompletableFuture<Object>> waiting = new ArrayList<>();
        private boolean writing;

        BatchWriter(StatefulRedisConnection<String, byte[]> connection, String replies, byte[] envelope, String stream, int size) {
            this.connection = connection;
            this.replies = replies;
            this.envelope = envelope;
            this.stream = stream;
            this.size = size;
        }

        CompletionStage<?> add(String id) {
            CompletableFuture<Object> done = new CompletableFuture<>();
            synchronized (this) {
                ids.add(id);
                waiting.add(done);
                if (writing) {
                    return done;
                }
                writing = true;
            }
            flush();
            return done;
        }

        private void flush() {
            List<String> batchIds;
            List<CompletableFuture<Object>> batchWaiting;
            synchronized (this) {
                if (ids.isEmpty()) {
                    writing = false;
                    return;
                }
                int n = Math.min(size, ids.size());
                batchIds = new ArrayList<>(ids.subList(0, n));
                batchWaiting = new ArrayList<>(waiting.subList(0, n));
                ids.subList(0, n).clear();
                waiting.subList(0, n).clear();
            }
            List<AsyncCommand<String, byte[], ?>> commands = new ArrayList<>();
            for (int i = 0; i < batchIds.size(); i++) {
                CommandArgs<String, byte[]> xaddArgs = new CommandArgs<>(CODEC).addKey(replies).add("MAXLEN").add("~").add(1024).add("*")
                        .add("type").addValue("rpc".getBytes(StandardCharsets.UTF_8)).add("envelope").addValue(envelope);
                commands.add(new AsyncCommand<>(new Command<>(CommandType.XADD, new StatusOutput<>(CODEC), xaddArgs)));
            }
            CommandArgs<String, byte[]> xackArgs = new CommandArgs<>(CODEC).addKey(stream).add("g");
            batchIds.forEach(xackArgs::add);
            AsyncCommand<String, byte[], Long> xack = new AsyncCommand<>(new Command<>(CommandType.XACK, new IntegerOutput<>(CODEC), xackArgs));
            commands.add(xack);
            connection.dispatch(commands);
            xack.whenComplete((count, error) -> {
                batchWaiting.forEach(future -> future.complete(count));
                flush();
            });
        }
    }

    /** MULTI, XADD, XACK, EXEC on a connection used only for transactions, one at a time. */
    private static synchronized CompletionStage<?> multiExec(RedisAsyncCommands<String, byte[]> transactions, String replies, XAddArgs replyArgs,
                                                             byte[] envelope, String stream, String id) {
        transactions.multi();
        transactions.xadd(replies, replyArgs, Map.of("type", "rpc".getBytes(StandardCharsets.UTF_8), "envelope", envelope));
        transactions.xack(stream, "g", id);
        CompletionStage<TransactionResult> exec = transactions.exec();
        return exec;
    }

    /** Adds entries to a stream and reads them through group "g", leaving them pending. */
    private static List<String> pendingEntries(StatefulRedisConnection<String, byte[]> connection, String stream, int count)
            throws Exception {
        RedisCommands<String, byte[]> sync = connection.sync();
        sync.xgroupCreate(XReadArgs.StreamOffset.from(stream, "0"), "g", XGroupCreateArgs.Builder.mkstream());
        byte[] value = "x".getBytes(StandardCharsets.UTF_8);
        CompletionStage<String> last = null;
        for (int i = 0; i < count; i++) {
            last = connection.async().xadd(stream, Map.of("envelope", value));
        }
        last.toCompletableFuture().get(1, TimeUnit.MINUTES);
        List<String> ids = new ArrayList<>(count);
        while (ids.size() < count) {
            for (StreamMessage<String, byte[]> message : sync.xreadgroup(Consumer.from("g", "c"), XReadArgs.Builder.count(1_000),
                    XReadArgs.StreamOffset.lastConsumed(stream))) {
                ids.add(message.getId());
            }
        }
        return ids;
    }

    /** Runs {@code op} once per id with {@code concurrency} in flight; latencies of each. */
    private static Histogram drive(List<String> ids, Function<String, CompletionStage<?>> op, int concurrency) throws Exception {
        Histogram latencies = new Histogram(Measurement.HIGHEST_NANOS, 3);
        AtomicLong nextIndex = new AtomicLong();
        CountDownLatch done = new CountDownLatch(concurrency);
        Runnable[] step = new Runnable[1];
        step[0] = () -> {
            int index = (int) nextIndex.getAndIncrement();
            if (index >= ids.size()) {
                done.countDown();
                return;
            }
            long start = System.nanoTime();
            op.apply(ids.get(index)).whenComplete((result, error) -> {
                if (error != null) {
                    System.err.println("  component operation failed: " + error);
                }
                synchronized (latencies) {
                    latencies.recordValue(System.nanoTime() - start);
                }
                step[0].run();
            });
        };
        for (int i = 0; i < concurrency; i++) {
            step[0].run();
        }
        if (!done.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("component did not finish");
        }
        return latencies;
    }
}
