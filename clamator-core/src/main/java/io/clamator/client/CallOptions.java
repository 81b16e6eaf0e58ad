package io.clamator.client;

import io.clamator.internal.Durations;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Objects;

/**
 * Options for particular calls made through a typed proxy, without going down to
 * {@link RpcClient}:
 * <pre>{@code
 * Quote quote = CallOptions.timeout(Duration.ofSeconds(2)).on(pricing).quote(request);
 * }</pre>
 * {@link #on} returns a proxy of the same contract and client whose calls use these options; the
 * proxy it is given is unchanged. A timeout here wins over the method's
 * {@code @ClamatorMethod(timeoutMillis)} and the client's default.
 *
 * @param timeout how long a call waits for its reply; {@code null} for the method's or client's
 */
public record CallOptions(Duration timeout) {

    public CallOptions {
        if (timeout != null) {
            Durations.requireAtLeastOneMillisecond("a call timeout", timeout);
        }
    }

    /** Calls that wait {@code timeout} for their reply. */
    public static CallOptions timeout(Duration timeout) {
        return new CallOptions(Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * A proxy of the same contract and client as {@code proxy} whose calls use these options. An
     * object that is not a clamator proxy (a test double, say) is returned as it is.
     */
    public <T> T on(T proxy) {
        Objects.requireNonNull(proxy, "proxy");
        if (Proxy.isProxyClass(proxy.getClass()) && Proxy.getInvocationHandler(proxy) instanceof ContractProxies.ContractInvocationHandler handler) {
            @SuppressWarnings("unchecked")
            T withOptions = (T) handler.withOptions(this).newProxy();
            return withOptions;
        }
        return proxy;
    }
}
