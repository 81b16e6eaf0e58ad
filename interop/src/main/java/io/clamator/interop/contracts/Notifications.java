package io.clamator.interop.contracts;

import io.clamator.contract.ClamatorContract;
import io.clamator.contract.Notification;

/** The upstream interop contract {@code notifications}: the notification {@code ping {tag?}}. */
@ClamatorContract("notifications")
public interface Notifications {

    @Notification
    void ping(PingParams params);

    record PingParams(String tag) {
    }
}
