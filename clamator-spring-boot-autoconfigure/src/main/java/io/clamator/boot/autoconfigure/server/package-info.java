/** Serving {@link io.clamator.boot.ClamatorService @ClamatorService} beans with the application context. */
package io.clamator.boot.autoconfigure.server;
