package io.clamator.contract;

/** Whether a method is called as a request (answered) or a notification (never answered). */
public enum MethodKind {
    REQUEST,
    NOTIFICATION
}
