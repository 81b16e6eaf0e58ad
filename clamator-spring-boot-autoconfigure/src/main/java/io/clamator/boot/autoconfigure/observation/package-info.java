/** Micrometer observations of clamator calls through the application's observation registry. */
package io.clamator.boot.autoconfigure.observation;
