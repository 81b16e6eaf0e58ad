/** The {@code clamator} health contributor for Spring Boot's health endpoint. */
package io.clamator.boot.autoconfigure.health;
