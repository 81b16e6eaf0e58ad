package io.clamator.boot.autoconfigure.server;

import io.clamator.boot.ClamatorService;
import io.clamator.contract.Contracts;
import io.clamator.server.RpcServer;
import io.clamator.server.ServiceDefinition;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;

/**
 * Registers the application's services with its {@link RpcServer} and runs the server with the
 * application context: it starts last (once everything else has started) and stops first,
 * draining the handlers in flight before anything they use is stopped or destroyed.
 *
 * <p>The services are every bean marked {@link ClamatorService @ClamatorService} (one service
 * per contract interface it implements) and every {@link ServiceDefinition} bean (hand-built
 * services). They are registered once all singletons are instantiated, so that a duplicate or a
 * bean without a contract fails the startup before anything starts.
 */
public class ClamatorServerLifecycle implements SmartLifecycle, SmartInitializingSingleton {

    /**
     * The phase of the server lifecycle: the highest, so that it starts after every other
     * lifecycle and stops before them.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

    private static final Log logger = LogFactory.getLog(ClamatorServerLifecycle.class);

    private final RpcServer server;

    private final ListableBeanFactory beanFactory;

    private final ClamatorHandlerExecutor handlerExecutor;

    private final Duration shutdownGrace;

    private final Object monitor = new Object();

    private boolean registered;

    private volatile boolean running;

    /**
     * @param server          the server
     * @param beanFactory     where the services are looked up
     * @param handlerExecutor the executor the server's handlers run on, drained at stop; {@code null} if not ours
     * @param shutdownGrace   how long stop waits for in-flight handlers
     */
    public ClamatorServerLifecycle(RpcServer server, ListableBeanFactory beanFactory,
            ClamatorHandlerExecutor handlerExecutor, Duration shutdownGrace) {
        this.server = server;
        this.beanFactory = beanFactory;
        this.handlerExecutor = handlerExecutor;
        this.shutdownGrace = shutdownGrace;
    }

    @Override
    public void afterSingletonsInstantiated() {
        registerServices();
    }

    /** Registers every service bean with the server; does nothing the second time. */
    public void registerServices() {
        synchronized (this.monitor) {
            if (this.registered) {
                return;
            }
            this.registered = true;
            Map<String, String> servedBy = new LinkedHashMap<>();
            for (String name : this.server.services()) {
                servedBy.put(name, "a service registered on the RpcServer bean directly");
            }
            for (String beanName : this.beanFactory.getBeanNamesForAnnotation(ClamatorService.class)) {
                Object bean = this.beanFactory.getBean(beanName);
                if (bean instanceof ServiceDefinition) {
                    continue; // registered below with the other hand-built services
                }
                Class<?> userType = ClassUtils.getUserClass(bean);
                if (Contracts.implementedBy(bean.getClass()).isEmpty()) {
                    throw new ServiceWithoutContractException(beanName, userType);
                }
                register(ServiceDefinition.allOf(bean), describe(beanName, userType), servedBy);
            }
            for (Map.Entry<String, ServiceDefinition> entry : this.beanFactory.getBeansOfType(ServiceDefinition.class).entrySet()) {
                register(List.of(entry.getValue()), "ServiceDefinition bean '" + entry.getKey() + "'", servedBy);
            }
        }
    }

    private void register(List<ServiceDefinition> services, String source, Map<String, String> servedBy) {
        for (ServiceDefinition service : services) {
            String existing = servedBy.putIfAbsent(service.name(), source);
            if (existing != null) {
                throw new DuplicateServiceException(service.name(), existing, source);
            }
            this.server.register(service);
            if (logger.isDebugEnabled()) {
                logger.debug("Registered clamator service \"" + service.name() + "\" served by " + source);
            }
        }
    }

    private static String describe(String beanName, Class<?> type) {
        return "bean '" + beanName + "' (" + type.getName() + ")";
    }

    @Override
    public void start() {
        synchronized (this.monitor) {
            if (this.running) {
                return;
            }
            registerServices();
            this.server.start();
            this.running = true;
            if (logger.isInfoEnabled()) {
                logger.info("clamator server started, serving " + this.server.services());
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
            long started = System.nanoTime();
            try {
                this.server.stop();
            } finally {
                if (this.handlerExecutor != null) {
                    // one grace period in all: a transport that waited for its handlers already used part of it
                    Duration left = this.shutdownGrace.minusNanos(System.nanoTime() - started);
                    this.handlerExecutor.drain(left.isNegative() ? Duration.ZERO : left);
                }
            }
            logger.info("clamator server stopped");
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
