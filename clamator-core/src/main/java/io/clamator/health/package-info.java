/** The health of servers and clients, as health checks (Spring Boot Actuator's) report it. */
package io.clamator.health;
