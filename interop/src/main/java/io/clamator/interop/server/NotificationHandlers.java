package io.clamator.interop.server;

import io.clamator.interop.contracts.Notifications;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code notifications} handler: counts and logs each ping. */
class NotificationHandlers implements Notifications {

    private static final Logger log = LoggerFactory.getLogger(NotificationHandlers.class);

    private final HandledCounter counter;

    NotificationHandlers(HandledCounter counter) {
        this.counter = counter;
    }

    @Override
    public void ping(PingParams params) {
        counter.increment();
        log.info("ping tag={}", params.tag());
    }
}
