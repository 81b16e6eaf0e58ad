package io.clamator.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations clamator records: every call and notification a client sends and every one a
 * server handles. Named and tagged after the OpenTelemetry semantic conventions for RPC and
 * JSON-RPC (1.38, status Development): {@code rpc.client.call} and {@code rpc.server.call},
 * contextual (span) name {@code <service>/<method>}.
 */
public enum ClamatorObservationDocumentation implements ObservationDocumentation {

    /** A call or notification sent by a client: from sending until its reply, failure or timeout (a notification: until sent). */
    CLIENT_CALL {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultClamatorClientObservationConvention.class;
        }
    },

    /** A call or notification handled by a server: from the handler's start until its reply is written. */
    SERVER_CALL {
        @Override
        public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
            return DefaultClamatorServerObservationConvention.class;
        }
    };

    @Override
    public KeyName[] getLowCardinalityKeyNames() {
        return LowCardinalityKeyNames.values();
    }

    @Override
    public KeyName[] getHighCardinalityKeyNames() {
        return HighCardinalityKeyNames.values();
    }

    /** Keys with few values, on the timers as tags and on the spans as attributes. */
    public enum LowCardinalityKeyNames implements KeyName {

        /** Always {@code jsonrpc}. */
        RPC_SYSTEM_NAME("rpc.system.name"),
        /** The service, e.g. {@code orders}. */
        RPC_SERVICE("rpc.service"),
        /** The method, e.g. {@code place}. */
        RPC_METHOD("rpc.method"),
        /** Always {@code 2.0}. */
        JSONRPC_PROTOCOL_VERSION("jsonrpc.protocol.version"),
        /** The error reply's code ({@code -32602}), {@code OK} for a result, {@code none} without a reply. */
        RPC_RESPONSE_STATUS_CODE("rpc.response.status_code"),
        /**
         * The error reply's code; {@code timeout}; the class name of the exception a call failed with
         * (e.g. {@code io.clamator.protocol.ClamatorTransportException}); {@code cancelled}; {@code none} on success.
         */
        ERROR_TYPE("error.type"),
        /** How the call ended: a {@link CallOutcome#value()}. */
        OUTCOME("clamator.outcome"),
        /** {@code call} or {@code notification}. */
        CALL_KIND("clamator.call.kind"),
        /** The key prefix (namespace) the call went through. */
        KEY_PREFIX("clamator.key_prefix");

        private final String key;

        LowCardinalityKeyNames(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }

    /** Keys with a value per call, on the spans only. */
    public enum HighCardinalityKeyNames implements KeyName {

        /** The request id; absent for notifications. */
        JSONRPC_REQUEST_ID("jsonrpc.request.id");

        private final String key;

        HighCardinalityKeyNames(String key) {
            this.key = key;
        }

        @Override
        public String asString() {
            return key;
        }
    }
}
