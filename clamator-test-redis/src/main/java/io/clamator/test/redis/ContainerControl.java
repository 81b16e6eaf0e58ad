package io.clamator.test.redis;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.PortBinding;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Testcontainers Redis container whose port is published on a fixed host port, so that stopping and
 * starting the container keeps the address. Only loaded after {@link DockerProbe} found Testcontainers.
 */
final class ContainerControl implements ServerControl {

    static final String IMAGE = "redis:7-alpine";

    private static final int REDIS_PORT = 6379;

    private final GenericContainer<?> container;
    private final RedisEndpoint endpoint;
    private final Thread shutdownHook;

    private ContainerControl(GenericContainer<?> container, RedisEndpoint endpoint) {
        this.container = container;
        this.endpoint = endpoint;
        this.shutdownHook = ShutdownHooks.register("clamator-test-redis-" + endpoint.port(), container::stop);
    }

    static boolean dockerAnswers() {
        return DockerClientFactory.instance().isDockerAvailable();
    }

    /** Starts a container on a free host port and returns it once it answers PING. */
    static TestRedisServer startServer() {
        int hostPort = LoopbackPorts.findFree();
        GenericContainer<?> container = new GenericContainer<>(DockerImageName.parse(IMAGE))
                .withExposedPorts(REDIS_PORT)
                .withCommand("redis-server", "--save", "", "--appendonly", "no")
                .withCreateContainerCmdModifier(create -> create.getHostConfig().withPortBindings(
                        new PortBinding(Ports.Binding.bindPort(hostPort), ExposedPort.tcp(REDIS_PORT))))
                .withStartupTimeout(RedisEndpoint.STARTUP_TIMEOUT);
        container.start();
        RedisEndpoint endpoint = RedisEndpoint.of(container.getHost(), hostPort);
        ContainerControl control = new ContainerControl(container, endpoint);
        try {
            control.awaitPong();
        } catch (RuntimeException e) {
            control.close();
            throw e;
        }
        return new TestRedisServer(endpoint, endpoint.url(), "testcontainers " + IMAGE, control);
    }

    @Override
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        docker().startContainerCmd(container.getContainerId()).exec();
        awaitPong();
    }

    @Override
    public synchronized void stop() {
        if (isRunning()) {
            docker().stopContainerCmd(container.getContainerId()).exec();
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return container.isRunning();
    }

    @Override
    public void close() {
        ShutdownHooks.unregister(shutdownHook);
        container.stop();
    }

    private void awaitPong() {
        if (!endpoint.awaitPong(RedisEndpoint.STARTUP_TIMEOUT, container::isRunning)) {
            throw new IllegalStateException("Redis container " + container.getContainerId() + " at " + endpoint
                    + " did not answer PING within " + RedisEndpoint.STARTUP_TIMEOUT.toSeconds()
                    + " s; its output:\n" + container.getLogs());
        }
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }
}
