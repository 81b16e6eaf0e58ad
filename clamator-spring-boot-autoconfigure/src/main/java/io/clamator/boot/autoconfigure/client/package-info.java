/** The application's clamator clients and the proxies injected with {@link io.clamator.boot.ClamatorClient @ClamatorClient}. */
package io.clamator.boot.autoconfigure.client;
