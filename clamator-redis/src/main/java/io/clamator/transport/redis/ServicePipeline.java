package io.clamator.transport.redis;

import io.clamator.health.ClamatorHealth;
import io.clamator.internal.AsyncResults;
import io.clamator.json.ClamatorJson;
import io.clamator.metrics.ClamatorMetrics;
import io.clamator.metrics.ServiceMeters;
import io.clamator.metrics.Watch;
import io.clamator.protocol.EnvelopeCodec;
import io.clamator.server.ServiceDefinition;
import io.clamator.transport.spi.CallDecoder;
import io.clamator.transport.spi.EntryScheduler;
import io.clamator.transport.spi.TimeLimitedDispatch;
import io.clamator.transport.spi.ServiceWorker;
import io.clamator.transport.spi.TransportTimer;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one service from its command stream, as four parts with one job each: the
 * {@link StreamReader} reads entries, the {@link EntryScheduler} decides when each runs, the
 * {@link RedisEntryHandler} handles it and writes its reply and acknowledgement through the
 * service's {@link ReplyWriter}, the {@link ClaimKeeper} keeps the running entries claimed, the
 * {@link Reclaimer} takes over entries that crashed servers left behind, and the
 * {@link ConsumerCleanup} removes the consumers of instances that are gone. Reads block on a
 * connection of the pipeline's own; everything else shares the server's command connection. On a
 * Redis Cluster whose key prefix has no hash tag, replies and acknowledgements go key by key
 * ({@link PerKeyReplyWriter}), since one script may not touch keys on several nodes.
 */
final class ServicePipeline implements ServiceWorker {

    private static final Logger log = LoggerFactory.getLogger(ServicePipeline.class);
    private static final Duration LEAVE_WAIT = Duration.ofSeconds(2);

    private final String service;
    private final TransportConnection<byte[]> readConnection;
    private final TransportConnection<byte[]> commandConnection;
    private final RedisClusterAsyncCommands<String, byte[]> commands;
    private final ConsumerGroupStream stream;
    private final EntryScheduler<StreamMessage<String, byte[]>> scheduler;
    private final StreamReader reader;
    private final Reclaimer reclaimer;
    private final ClaimKeeper claimKeeper;
    private final ConsumerCleanup consumerCleanup;
    private final ReadUnblocker unblocker;
    private final ReplyRetries replyRetries;
    private final RedisClock clock;
    private final boolean keepHandledEntries;
    private final String replyPrefix;
    private final ServiceMeters meters;
    /** {@code null} without metrics, or when Redis refuses what reads the figures. */
    private StreamFiguresPoller figures;
    private Watch figuresWatch = Watch.NONE;

    /** What every pipeline of a server shares. */
    record Shared(RedisServerSettings settings, TransportConnection<byte[]> commandConnection, TimeLimitedDispatch dispatcher,
                  EnvelopeCodec codec, CallDecoder decoder, Executor executor, TransportTimer timer,
                  ClamatorJson json, ClamatorMetrics metrics, boolean keysTogether) {
    }

    ServicePipeline(ServiceDefinition service, int concurrency, TransportConnection<byte[]> readConnection, Shared shared) {
        RedisServerSettings settings = shared.settings();
        this.service = service.name();
        this.readConnection = readConnection;
        this.keepHandledEntries = settings.keepHandledEntries();
        this.replyPrefix = StreamKeys.repliesPrefix(settings.keyPrefix());
        this.commandConnection = shared.commandConnection();
        this.commands = commandConnection.async();
        this.meters = shared.metrics().service(settings.keyPrefix(), service.name());
        this.clock = new RedisClock(commands, StreamKeys.commands(settings.keyPrefix(), service.name()), shared.timer());
        this.stream = new ConsumerGroupStream(readConnection.async(), commands, settings.keyPrefix(), service.name(),
                settings.instanceId(), settings.blockTime(), clock);
        CallDeadlines deadlines = new CallDeadlines(clock, clock::isMeasured);
        this.replyRetries = new ReplyRetries(service.name(), shared.timer(), deadlines, settings.claimIdle(), System::nanoTime);
        PerKeyWrites perKeyWrites = shared.keysTogether() ? null : new PerKeyWrites(commands, stream.stream(), service.name(), settings);
        ReplyWriter writer = perKeyWrites == null
                ? new ScriptReplyWriter(commands, stream.stream(), service.name(), settings.replyStreamMaxLen(),
                        settings.keepHandledEntries(), settings.replyStreamTtl())
                : new PerKeyReplyWriter(perKeyWrites);
        this.scheduler = EntryScheduler.<StreamMessage<String, byte[]>>builder(service.name(), concurrency)
                .executor(shared.executor())
                .timer(shared.timer())
                .keyedBy(StreamMessage::getId)
                .prefetch(settings.prefetch())
                .onCapacity(this::readNext)
                .build(new RedisEntryHandler(service, settings.keyPrefix(), shared.decoder(), shared.dispatcher(), shared.codec(), writer,
                        deadlines, replyRetries, meters));
        DeliveryLimit deliveryLimit = new DeliveryLimit(service.name(), settings.maxDeliveries(), stream,
                new DeadLetterWriter(commands, perKeyWrites, service.name(), stream.stream(), stream.consumerName(), settings, shared.decoder(),
                        shared.codec(), shared.json(), meters));
        this.unblocker = new ReadUnblocker(service.name(), stream.stream(), readConnection, commandConnection);
        this.reader = new StreamReader(service.name(), stream, settings.batchSize(), scheduler, shared.timer(), deliveryLimit, () -> {
            unblocker.learnAgain();
            clock.remeasure(); // the connection may be to another node now (a failover), with a clock of its own
        });
        MissedResets missedResets = new MissedResets(settings.claimIdle(), System::nanoTime);
        this.reclaimer = new Reclaimer(service.name(), stream, settings.claimIdle(), scheduler, shared.timer(), deliveryLimit, meters,
                missedResets, reader::listOwnPendingAgain, System::nanoTime);
        this.claimKeeper = new ClaimKeeper(service.name(), stream, settings.claimIdle(), scheduler, shared.timer(), missedResets,
                System::nanoTime);
        this.consumerCleanup = new ConsumerCleanup(commands, service.name(), stream.stream(), stream.consumerName(),
                settings.consumerIdleTimeout(), shared.timer());
        this.figures = shared.metrics().enabled()
                ? new StreamFiguresPoller(new StreamInspection(commands), service.name(), stream.stream(), settings.streamMetricsInterval(),
                        shared.timer())
                : null;
    }

    /**
     * Creates the consumer group if it does not exist yet, so that calls sent once start has
     * returned are received, checks that Redis runs every command the pipeline needs, and adds the
     * stream's figures to its gauges (they read nothing until the pipeline starts polling them;
     * where Redis refuses the commands that read them, the gauges stay empty, with a warning).
     *
     * @throws RedisCommandRefusedException naming a command Redis refuses
     */
    void prepare(RedisCommandCheck check) {
        try {
            AsyncResults.await(stream.createGroup().toCompletableFuture(), "creating the consumer group of " + service);
        } catch (RedisCommandExecutionException e) {
            throw check.explained(RedisCommandRefusedException.Role.SERVER, "XGROUP CREATE", e);
        }
        check.verify(stream.stream(), service, stream.consumerName(), !keepHandledEntries, replyPrefix);
        AsyncResults.await(clock.start().toCompletableFuture(), "reading the clock of the Redis that holds " + stream.stream());
        if (figures != null) {
            RedisCommandRefusedException refused = check.refusedStreamInspection(stream.stream());
            if (refused != null) {
                log.warn("service {}: its stream gauges (clamator.stream.*) stay empty: {} (allow XLEN and XRANGE to read them)",
                        service, refused.getMessage());
                figures = null;
            } else {
                figuresWatch = meters.watchStream(figures::latest);
            }
        }
    }

    void start() {
        unblocker.learnAtStart();
        reader.start();
        reclaimer.start();
        claimKeeper.start();
        consumerCleanup.start();
        if (figures != null) {
            figures.start();
        }
    }

    private void readNext() {
        reader.readNext();
    }

    @Override
    public void stopReceiving() {
        reader.stop();
        replyRetries.stop();
        reclaimer.stop();
        consumerCleanup.stop();
        if (figures != null) {
            figuresWatch.end();
            figures.stop();
        }
        unblocker.unblock();
        List<StreamMessage<String, byte[]>> left = scheduler.stop();
        if (!left.isEmpty()) {
            log.info("service {}: {} entries read but not started stay pending for another server", service, left.size());
        }
    }

    @Override
    public boolean awaitIdle(long deadlineNanos) throws InterruptedException {
        boolean idle = reader.awaitIdle(deadlineNanos) && reclaimer.awaitIdle(deadlineNanos) && scheduler.awaitIdle(deadlineNanos)
                && (figures == null || figures.awaitIdle(deadlineNanos));
        claimKeeper.stop();
        return idle && claimKeeper.awaitIdle(deadlineNanos);
    }

    @Override
    public void abandon() {
        claimKeeper.stop();
        int left = scheduler.abandon();
        if (left > 0) {
            log.warn("service {}: {} handler(s) still running after the shutdown grace period are interrupted; their entries stay pending"
                    + " and will be reclaimed", service, left);
        }
    }

    /** Removes this server's consumer from the group unless entries are pending to it; waits a little at most. */
    void leaveGroup() {
        try {
            consumerCleanup.leaveGroup().get(LEAVE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.debug("service {}: leaving the consumer group did not finish in time", service, e);
        }
    }

    /** Takes the stream's figures off its gauges and closes the reading connection, which ends a blocking read still under way. */
    void close() {
        clock.stop();
        figuresWatch.end();
        readConnection.close();
    }

    /** The service's health: whether its consumer loop reads. */
    ClamatorHealth health() {
        String problem = reader.problem();
        return problem == null ? ClamatorHealth.up(Map.of("consumer loop", "reading"))
                : ClamatorHealth.down(Map.of("consumer loop", problem));
    }

    @Override
    public String service() {
        return service;
    }

    @Override
    public int handlersActive() {
        return scheduler.inFlight();
    }

    @Override
    public int entriesQueued() {
        return scheduler.queued();
    }
}
