package io.clamator.server;

import io.clamator.json.ClamatorJson;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Settings every server shares, whatever its transport.
 *
 * @param json                 the JSON mapping for params and results
 * @param validator            validation of bound params and handler results
 * @param exposeErrorMessages  whether -32603 {@code Internal error} replies carry the exception's
 *                             message in {@code data.message} (the type name is always sent)
 * @param handlerExecutor      where handlers run; {@code null} lets the server create and own one
 * @param virtualThreads       whether an executor the server creates uses virtual threads (Java 21+;
 *                             ignored on older JVMs)
 */
public record ServerOptions(ClamatorJson json, PayloadValidator validator, boolean exposeErrorMessages,
                            Executor handlerExecutor, boolean virtualThreads) {

    public ServerOptions {
        Objects.requireNonNull(json, "json");
        Objects.requireNonNull(validator, "validator");
    }

    /** Default JSON mapping, Bean Validation when available, messages exposed, an owned executor. */
    public static ServerOptions defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link ServerOptions}. */
    public static final class Builder {

        private ClamatorJson json;
        private PayloadValidator validator;
        private boolean exposeErrorMessages = true;
        private Executor handlerExecutor;
        private boolean virtualThreads;

        private Builder() {
        }

        public Builder json(ClamatorJson json) {
            this.json = json;
            return this;
        }

        public Builder validator(PayloadValidator validator) {
            this.validator = validator;
            return this;
        }

        public Builder exposeErrorMessages(boolean expose) {
            this.exposeErrorMessages = expose;
            return this;
        }

        /** Handlers run on this executor; the server never shuts it down. */
        public Builder handlerExecutor(Executor executor) {
            this.handlerExecutor = executor;
            return this;
        }

        /** Run handlers on virtual threads when the server creates its own executor (Java 21+). */
        public Builder virtualThreads(boolean virtualThreads) {
            this.virtualThreads = virtualThreads;
            return this;
        }

        public ServerOptions build() {
            return new ServerOptions(json != null ? json : ClamatorJson.defaults(),
                    validator != null ? validator : PayloadValidators.detect(),
                    exposeErrorMessages, handlerExecutor, virtualThreads);
        }
    }
}
