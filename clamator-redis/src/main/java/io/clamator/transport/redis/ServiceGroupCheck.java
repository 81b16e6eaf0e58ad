package io.clamator.transport.redis;

import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds out, cheaply, whether a service a client calls has ever been served under the client's key
 * prefix: once per service (and again after a call to it timed out, or while an earlier check
 * could not tell), one {@code XINFO GROUPS} on its command stream. A stream without a consumer
 * group means that no server ever started there, most often a key prefix that differs between
 * caller and service: the first time, a WARN names service, stream and prefix, and timeouts say so
 * too.
 */
final class ServiceGroupCheck {

    private static final Logger log = LoggerFactory.getLogger(ServiceGroupCheck.class);

    private enum State { CHECKING, SERVED, NEVER_SERVED, UNKNOWN }

    private final String keyPrefix;
    private final Function<String, CompletionStage<List<Object>>> groupsOf;
    private final ConcurrentMap<String, State> states = new ConcurrentHashMap<>();

    /** @param groupsOf {@code XINFO GROUPS} of a stream */
    ServiceGroupCheck(String keyPrefix, Function<String, CompletionStage<List<Object>>> groupsOf) {
        this.keyPrefix = keyPrefix;
        this.groupsOf = groupsOf;
    }

    /** Checks the service's stream unless it has been checked already. */
    void checkOnce(String service) {
        if (states.putIfAbsent(service, State.CHECKING) == null) {
            check(service, true);
        }
    }

    /** What is known of the service's stream, for a timeout's message. */
    String hint(String service) {
        String stream = StreamKeys.commands(keyPrefix, service);
        State state = states.get(service);
        if (state == State.NEVER_SERVED) {
            check(service, false); // a server may have started since
            return "stream " + stream + " had no consumer group: nothing has served \"" + service + "\" under key prefix \""
                    + keyPrefix + "\"";
        }
        if (state == State.UNKNOWN && states.replace(service, State.UNKNOWN, State.CHECKING)) {
            check(service, true); // the first check failed (Redis away): this one may tell, and warn as the first would have
        }
        return "stream " + stream;
    }

    private void check(String service, boolean warn) {
        String stream = StreamKeys.commands(keyPrefix, service);
        groupsOf.apply(stream).whenComplete((groups, error) -> {
            State state;
            if (error == null) {
                state = groups.isEmpty() ? State.NEVER_SERVED : State.SERVED;
            } else {
                state = RedisErrorKind.of(error) == RedisErrorKind.OTHER_ERROR_REPLY ? State.NEVER_SERVED : State.UNKNOWN; // ERR no such key
                if (state == State.UNKNOWN) {
                    log.debug("could not check the consumer groups of {}: {}", stream, error.toString());
                }
            }
            states.put(service, state);
            if (warn && state == State.NEVER_SERVED) {
                log.warn("no consumer group on stream {}: nothing has ever served service \"{}\" under key prefix \"{}\"; calls to it"
                        + " wait in the stream and time out (do the service and its callers use the same key prefix?)",
                        stream, service, keyPrefix);
            }
        });
    }
}
