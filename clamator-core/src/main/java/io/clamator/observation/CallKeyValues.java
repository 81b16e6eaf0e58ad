package io.clamator.observation;

import io.clamator.observation.ClamatorObservationDocumentation.HighCardinalityKeyNames;
import io.clamator.observation.ClamatorObservationDocumentation.LowCardinalityKeyNames;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.common.lang.Nullable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The key values both default conventions give a call. Every low-cardinality key is always
 * present ({@code none} where it does not apply), so that every timer of a name has the same tags,
 * as Prometheus requires.
 */
final class CallKeyValues {

    static final String NONE = "none";
    private static final KeyValue SYSTEM = KeyValue.of(LowCardinalityKeyNames.RPC_SYSTEM_NAME, "jsonrpc");
    private static final KeyValue VERSION = KeyValue.of(LowCardinalityKeyNames.JSONRPC_PROTOCOL_VERSION, "2.0");
    /** Tag combinations kept built; a client's contract-agnostic calls could make up more, those are built each time. */
    private static final int MOST_KNOWN = 1_000;
    private static final Map<Tags, KeyValues> KNOWN = new ConcurrentHashMap<>();

    private CallKeyValues() {
    }

    static String contextualName(CallDetails call) {
        return call.service() + "/" + call.method();
    }

    static KeyValues lowCardinality(CallDetails call, @Nullable Throwable error) {
        CallOutcome outcome = call.outcome() != null ? call.outcome() : (error != null ? CallOutcome.TRANSPORT_FAILURE : CallOutcome.SUCCESS);
        Tags tags = new Tags(call.service(), call.method(), statusCode(call, outcome), errorType(call, outcome, error), outcome,
                call.isNotification(), call.keyPrefix() != null ? call.keyPrefix() : NONE);
        KeyValues known = KNOWN.get(tags);
        if (known != null) {
            return known;
        }
        KeyValues built = tags.keyValues();
        if (KNOWN.size() < MOST_KNOWN) {
            KNOWN.putIfAbsent(tags, built);
        }
        return built;
    }

    /** One combination of tag values; few combinations occur, and each is built (and sorted) once. */
    private record Tags(String service, String method, String statusCode, String errorType, CallOutcome outcome,
            boolean notification, String keyPrefix) {

        KeyValues keyValues() {
            return KeyValues.of(SYSTEM, VERSION,
                    KeyValue.of(LowCardinalityKeyNames.RPC_SERVICE, service),
                    KeyValue.of(LowCardinalityKeyNames.RPC_METHOD, method),
                    KeyValue.of(LowCardinalityKeyNames.RPC_RESPONSE_STATUS_CODE, statusCode),
                    KeyValue.of(LowCardinalityKeyNames.ERROR_TYPE, errorType),
                    KeyValue.of(LowCardinalityKeyNames.OUTCOME, outcome.value()),
                    KeyValue.of(LowCardinalityKeyNames.CALL_KIND, notification ? "notification" : "call"),
                    KeyValue.of(LowCardinalityKeyNames.KEY_PREFIX, keyPrefix));
        }
    }

    static KeyValues highCardinality(CallDetails call) {
        return call.isNotification() ? KeyValues.empty()
                : KeyValues.of(KeyValue.of(HighCardinalityKeyNames.JSONRPC_REQUEST_ID, call.requestId()));
    }

    private static String statusCode(CallDetails call, CallOutcome outcome) {
        if (call.errorCode() != null) {
            return Integer.toString(call.errorCode());
        }
        return outcome == CallOutcome.SUCCESS && !call.isNotification() ? "OK" : NONE;
    }

    private static String errorType(CallDetails call, CallOutcome outcome, @Nullable Throwable error) {
        if (call.errorCode() != null) {
            return Integer.toString(call.errorCode());
        }
        return switch (outcome) {
            case SUCCESS -> NONE;
            case TIMEOUT -> "timeout";
            case CANCELLED -> "cancelled";
            default -> error != null ? error.getClass().getName() : "_OTHER";
        };
    }
}
