package io.clamator.boot.autoconfigure.server;

import io.clamator.boot.ClamatorService;
import io.clamator.contract.Contracts;
import io.clamator.health.ClamatorHealth;
import io.clamator.server.RpcServer;
import io.clamator.server.ServiceDefinition;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.ClassUtils;

/**
 * Serves the application's services with the application context: it starts last (once
 * everything else has started) and stops first among the lifecycle beans, so that the handlers in
 * flight finish before the beans they use are stopped or destroyed (Spring's task executors and
 * schedulers are the exception: they stop taking tasks when the context starts closing, unless
 * they wait for their tasks at shutdown). Stopping is the server's own: it stops receiving,
 * waits for the handlers in flight within {@code clamator.server.shutdown-grace} and abandons the
 * rest.
 *
 * <p>The services are every bean marked {@link ClamatorService @ClamatorService} (one service
 * per contract interface it implements) and every {@link ServiceDefinition} bean (hand-built
 * services). They are collected once all singletons are instantiated, so that a duplicate or a
 * bean without a contract fails the startup before anything starts. Each start serves them on a
 * new server from the {@link RpcServerFactory}, so the context can be stopped and started again.
 * An application without services starts no server.
 */
public class ClamatorServerLifecycle implements SmartLifecycle, SmartInitializingSingleton {

    /**
     * The phase of the server lifecycle: the highest, so that it starts after every other
     * lifecycle and stops before them.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE;

    private static final Log logger = LogFactory.getLog(ClamatorServerLifecycle.class);

    private final RpcServerFactory serverFactory;

    private final ListableBeanFactory beanFactory;

    private final Object monitor = new Object();

    private volatile List<ServiceDefinition> services;

    private volatile RpcServer server;

    /** The server while {@link #stop()} waits for its handlers. */
    private volatile RpcServer stopping;

    /**
     * @param serverFactory creates the server each start serves on
     * @param beanFactory   where the services are looked up
     */
    public ClamatorServerLifecycle(RpcServerFactory serverFactory, ListableBeanFactory beanFactory) {
        this.serverFactory = serverFactory;
        this.beanFactory = beanFactory;
    }

    @Override
    public void afterSingletonsInstantiated() {
        services();
    }

    /** The services served, collected from the context the first time. */
    public List<ServiceDefinition> services() {
        synchronized (this.monitor) {
            if (this.services == null) {
                this.services = List.copyOf(collectServices());
            }
            return this.services;
        }
    }

    private List<ServiceDefinition> collectServices() {
        Map<String, String> servedBy = new LinkedHashMap<>();
        List<ServiceDefinition> found = new ArrayList<>();
        for (String beanName : serviceBeanNames()) {
            Object bean = this.beanFactory.getBean(beanName);
            if (bean instanceof ServiceDefinition) {
                continue; // collected below with the other hand-built services
            }
            Class<?> userType = ClassUtils.getUserClass(bean);
            if (Contracts.implementedBy(bean.getClass()).isEmpty()) {
                throw new ServiceWithoutContractException(beanName, userType);
            }
            add(ServiceDefinition.allOf(bean), "bean '" + beanName + "' (" + userType.getName() + ")", servedBy, found);
        }
        for (Map.Entry<String, ServiceDefinition> entry : this.beanFactory.getBeansOfType(ServiceDefinition.class).entrySet()) {
            add(List.of(entry.getValue()), "ServiceDefinition bean '" + entry.getKey() + "'", servedBy, found);
        }
        return found;
    }

    /**
     * The names of the {@code @ClamatorService} beans; a bean behind a scoped proxy is served
     * through its proxy (the bean's own name), not through its target.
     */
    private Set<String> serviceBeanNames() {
        Set<String> names = new LinkedHashSet<>();
        for (String beanName : this.beanFactory.getBeanNamesForAnnotation(ClamatorService.class)) {
            names.add(ScopedProxyUtils.isScopedTarget(beanName) ? ScopedProxyUtils.getOriginalBeanName(beanName) : beanName);
        }
        return names;
    }

    private static void add(List<ServiceDefinition> services, String source, Map<String, String> servedBy, List<ServiceDefinition> found) {
        for (ServiceDefinition service : services) {
            String existing = servedBy.putIfAbsent(service.name(), source);
            if (existing != null) {
                throw new DuplicateServiceException(service.name(), existing, source);
            }
            found.add(service);
            if (logger.isDebugEnabled()) {
                logger.debug("Found clamator service \"" + service.name() + "\" served by " + source);
            }
        }
    }

    @Override
    public void start() {
        synchronized (this.monitor) {
            if (this.server != null) {
                return;
            }
            List<ServiceDefinition> toServe = services();
            if (toServe.isEmpty()) {
                logger.info("clamator server not started: the application has no @ClamatorService beans");
                return;
            }
            RpcServer started = this.serverFactory.create();
            toServe.forEach(started::register);
            started.start();
            this.server = started;
            logger.info("clamator server started, serving " + started.services() + ": " + started);
        }
    }

    @Override
    public void stop() {
        synchronized (this.monitor) {
            RpcServer running = this.server;
            if (running == null) {
                return;
            }
            this.server = null;
            this.stopping = running;
            try {
                running.stop();
            } finally {
                this.stopping = null;
            }
            logger.info("clamator server stopped");
        }
    }

    @Override
    public boolean isRunning() {
        return this.server != null;
    }

    /**
     * The health of the server: its own while it serves or drains at stop ({@code OUT_OF_SERVICE}),
     * {@code DOWN} while the context is not running, {@code UP} when there is nothing to serve.
     */
    public ClamatorHealth health() {
        RpcServer current = this.server != null ? this.server : this.stopping;
        if (current != null) {
            return current.health();
        }
        List<ServiceDefinition> known = this.services; // not services(): a stop holds its lock while it drains
        return known != null && known.isEmpty() ? ClamatorHealth.up(Map.of("services", "none served"))
                : ClamatorHealth.down(Map.of("state", "not running"));
    }

    /** The server serving the application's services while the context runs; {@code null} otherwise. */
    public RpcServer server() {
        return this.server;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
