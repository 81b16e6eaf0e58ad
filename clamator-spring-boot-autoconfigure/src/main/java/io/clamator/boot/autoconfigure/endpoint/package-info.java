/** The {@code clamator} Actuator endpoint: what this instance serves and calls, and every service on its key prefixes in Redis. */
package io.clamator.boot.autoconfigure.endpoint;
