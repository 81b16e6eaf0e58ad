/** Micrometer meters of clamator's servers, clients and command streams in the application's meter registry. */
package io.clamator.boot.autoconfigure.metrics;
