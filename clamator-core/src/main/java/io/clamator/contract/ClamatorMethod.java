package io.clamator.contract;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Optional settings for one contract method. */
@Documented
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface ClamatorMethod {

    /** The wire method name; defaults to the Java method name. Must match {@code ^[a-z][a-zA-Z0-9]*$}. */
    String value() default "";

    /** The client's timeout for calls of this method in milliseconds; 0 uses the client's default. */
    long timeoutMillis() default 0;

    /**
     * How long a server lets the handler of this method run, in milliseconds; 0 uses the server's
     * setting for the service. When it passes, the call is answered with {@code -32603 Handler
     * timed out}, the handler's thread is interrupted and the next call may start.
     */
    long handlerTimeoutMillis() default 0;
}
