/** Auto-configuration of clamator for Spring Boot: properties, JSON mapping, options and the transport selection. */
package io.clamator.boot.autoconfigure;
