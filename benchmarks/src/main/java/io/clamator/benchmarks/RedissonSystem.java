package io.clamator.benchmarks;

import io.clamator.benchmarks.Payload.AddParams;
import io.clamator.benchmarks.Payload.AddResult;
import io.clamator.benchmarks.Payload.EchoText;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.redisson.Redisson;
import org.redisson.api.RFuture;
import org.redisson.api.RRemoteService;
import org.redisson.api.RedissonClient;
import org.redisson.api.RemoteInvocationOptions;
import org.redisson.api.annotation.RRemoteAsync;
import org.redisson.config.Config;

/**
 * Redisson's {@code RRemoteService} with the same payloads: a server instance registers the service
 * with as many workers as the clamator server's concurrency, a client instance calls it through the
 * asynchronous interface. Both Redisson instances use their default configuration and codec. By
 * default calls are made without Redisson's acknowledgement round trip ({@code noAck()}), which is
 * what clamator's protocol offers too; {@code withAck} keeps Redisson's default options. With no
 * workers, only the client runs here (the servers run in processes of their own).
 */
final class RedissonSystem implements BenchSystem {

    private final String redisUrl;
    private final String serviceName;
    private final int workers;
    private final boolean withAck;
    private final ArithRemote handlers;
    private RedissonClient serverRedisson;
    private RedissonClient clientRedisson;
    private ArithRemoteAsync remote;

    RedissonSystem(String redisUrl, String serviceName, int workers, boolean withAck) {
        this(redisUrl, serviceName, workers, withAck, new ArithRemoteImpl());
    }

    RedissonSystem(String redisUrl, String serviceName, int workers, boolean withAck, ArithRemote handlers) {
        this.redisUrl = redisUrl;
        this.serviceName = serviceName;
        this.workers = workers;
        this.withAck = withAck;
        this.handlers = handlers;
    }

    @Override
    public String name() {
        return withAck ? "redisson-ack" : "redisson";
    }

    @Override
    public String description() {
        return "Redisson " + Redisson.class.getPackage().getImplementationVersion() + " RRemoteService, "
                + workers + " server workers, " + (withAck ? "default options (with ack)" : "noAck()")
                + ", codec " + (clientRedisson == null ? "default" : clientRedisson.getConfig().getCodec().getClass().getSimpleName());
    }

    @Override
    public void start() {
        if (workers > 0) {
            serverRedisson = startServer(redisUrl, serviceName, workers, handlers);
        }
        clientRedisson = Redisson.create(config(redisUrl));
        RemoteInvocationOptions options = RemoteInvocationOptions.defaults()
                .expectResultWithin(ClamatorJavaSystem.CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (!withAck) {
            options = options.noAck();
        }
        remote = clientRedisson.getRemoteService(serviceName).get(ArithRemoteAsync.class, options);
    }

    /** A Redisson instance serving {@link ArithRemote} with the given number of workers. */
    static RedissonClient startServer(String redisUrl, String serviceName, int workers, ArithRemote handlers) {
        RedissonClient redisson = Redisson.create(config(redisUrl));
        RRemoteService serverSide = redisson.getRemoteService(serviceName);
        serverSide.register(ArithRemote.class, handlers, workers);
        return redisson;
    }

    private static Config config(String redisUrl) {
        Config config = new Config();
        config.useSingleServer().setAddress(redisUrl);
        return config;
    }

    @Override
    public CompletionStage<?> call(Payload payload) {
        return payload.echo == null ? remote.add((AddParams) payload.params) : remote.echoText(payload.echo);
    }

    @Override
    public void close() {
        if (clientRedisson != null) {
            clientRedisson.shutdown();
        }
        if (serverRedisson != null) {
            serverRedisson.shutdown();
        }
    }

    /** The remote interface the server registers. */
    public interface ArithRemote {
        AddResult add(AddParams params);

        EchoText echoText(EchoText params);
    }

    /** Its asynchronous form for the client. */
    @RRemoteAsync(ArithRemote.class)
    public interface ArithRemoteAsync {
        RFuture<AddResult> add(AddParams params);

        RFuture<EchoText> echoText(EchoText params);
    }

    static final class ArithRemoteImpl implements ArithRemote {
        @Override
        public AddResult add(AddParams params) {
            return new AddResult(params.a() + params.b());
        }

        @Override
        public EchoText echoText(EchoText params) {
            return new EchoText(params.text());
        }
    }
}
