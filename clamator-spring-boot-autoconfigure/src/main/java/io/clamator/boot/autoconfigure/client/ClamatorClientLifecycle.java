package io.clamator.boot.autoconfigure.client;

import io.clamator.client.RpcClient;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the application's clamator clients with the context. Its phase is low: the clients start
 * before the server and before the web server, and stop after them, so that handlers and
 * requests still in flight during shutdown can call other services.
 */
public class ClamatorClientLifecycle implements SmartLifecycle {

    /**
     * The phase of the client lifecycle: below the server's ({@code Integer.MAX_VALUE}) and below
     * the embedded web server's lifecycles, so that it stops after both have drained.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Log logger = LogFactory.getLog(ClamatorClientLifecycle.class);

    private final ClamatorClients clients;

    private final Object monitor = new Object();

    private volatile boolean running;

    public ClamatorClientLifecycle(ClamatorClients clients) {
        this.clients = clients;
    }

    @Override
    public void start() {
        synchronized (this.monitor) {
            if (this.running) {
                return;
            }
            List<RpcClient> started = new ArrayList<>();
            try {
                for (RpcClient client : this.clients.all()) {
                    client.start();
                    started.add(client);
                }
            } catch (RuntimeException ex) {
                started.forEach(ClamatorClientLifecycle::stopQuietly);
                throw ex;
            }
            this.running = true;
            if (logger.isInfoEnabled()) {
                logger.info("clamator clients started: " + started);
            }
        }
    }

    @Override
    public void stop() {
        synchronized (this.monitor) {
            if (!this.running) {
                return;
            }
            this.running = false;
            this.clients.all().forEach(ClamatorClientLifecycle::stopQuietly);
        }
    }

    private static void stopQuietly(RpcClient client) {
        try {
            client.stop();
        } catch (RuntimeException ex) {
            logger.warn("Failed to stop clamator client " + client, ex);
        }
    }

    @Override
    public boolean isRunning() {
        return this.running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
