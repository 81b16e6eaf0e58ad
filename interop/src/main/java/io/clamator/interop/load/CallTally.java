package io.clamator.interop.load;

import io.clamator.protocol.ClamatorTimeoutException;
import io.clamator.protocol.ClamatorTransportException;
import io.clamator.protocol.RpcException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The outcomes of a load driver's calls, by kind, with their latencies and the wall-clock times
 * of the first failure, the last failure and the first success after it (to tell how long an
 * outage was visible to callers).
 */
final class CallTally {

    private static final int SAMPLES_PER_KIND = 5;

    private final List<Long> okMicros = new ArrayList<>();
    private final List<Long> transportErrorMicros = new ArrayList<>();
    private final List<Long> timeoutMicros = new ArrayList<>();
    private final Map<Integer, Integer> rpcErrors = new TreeMap<>();
    private final Map<String, Set<String>> samples = new TreeMap<>();
    private long calls;
    private long wrong;
    private long other;
    private long hung;
    private long maxMicros;
    private long firstFailureAt;
    private long lastFailureAt;
    private long firstOkAfterFailureAt;

    synchronized void ok(long micros, boolean right, String detail) {
        count(micros);
        okMicros.add(micros);
        if (!right) {
            wrong++;
            sample("wrong", detail);
        }
        if (lastFailureAt != 0 && firstOkAfterFailureAt == 0) {
            firstOkAfterFailureAt = System.currentTimeMillis();
        }
    }

    synchronized void failed(long micros, Throwable error) {
        count(micros);
        long now = System.currentTimeMillis();
        if (firstFailureAt == 0) {
            firstFailureAt = now;
        }
        lastFailureAt = now;
        firstOkAfterFailureAt = 0;
        if (error instanceof ClamatorTimeoutException) {
            timeoutMicros.add(micros);
            sample("timeout", error.getMessage());
        } else if (error instanceof ClamatorTransportException) {
            transportErrorMicros.add(micros);
            sample("transport", error.getMessage());
        } else if (error instanceof RpcException rpc) {
            rpcErrors.merge(rpc.code(), 1, Integer::sum);
            sample("rpc " + rpc.code(), rpc.getMessage());
        } else {
            other++;
            sample("other", error.getClass().getName() + ": " + error.getMessage());
        }
    }

    /** A call that had not ended long after its timeout; its caller gave up waiting for it. */
    synchronized void hung(long micros) {
        count(micros);
        hung++;
        sample("hung", "no outcome after " + micros / 1000 + " ms");
    }

    private void count(long micros) {
        calls++;
        maxMicros = Math.max(maxMicros, micros);
    }

    private void sample(String kind, String message) {
        Set<String> kept = samples.computeIfAbsent(kind, k -> new LinkedHashSet<>());
        if (kept.size() < SAMPLES_PER_KIND) {
            kept.add(String.valueOf(message));
        }
    }

    synchronized ObjectNode summary() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode out = nodes.objectNode();
        out.put("calls", calls);
        out.put("ok", okMicros.size());
        out.put("wrong", wrong);
        out.put("transportErrors", transportErrorMicros.size());
        out.put("timeouts", timeoutMicros.size());
        ObjectNode codes = out.putObject("rpcErrors");
        rpcErrors.forEach((code, count) -> codes.put(Integer.toString(code), count));
        out.put("otherErrors", other);
        out.put("hung", hung);
        out.put("maxMs", maxMicros / 1000.0);
        out.set("okMs", percentiles(okMicros, nodes));
        out.set("transportErrorMs", percentiles(transportErrorMicros, nodes));
        out.set("timeoutMs", percentiles(timeoutMicros, nodes));
        out.put("firstFailureAt", firstFailureAt);
        out.put("lastFailureAt", lastFailureAt);
        out.put("firstOkAfterFailureAt", firstOkAfterFailureAt);
        ObjectNode sampled = out.putObject("samples");
        samples.forEach((kind, messages) -> sampled.putArray(kind).addAll(messages.stream().map(nodes::stringNode).toList()));
        return out;
    }

    private static ObjectNode percentiles(List<Long> micros, JsonNodeFactory nodes) {
        ObjectNode out = nodes.objectNode();
        if (micros.isEmpty()) {
            return out;
        }
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        out.put("p50", at(sorted, 0.50));
        out.put("p99", at(sorted, 0.99));
        out.put("max", sorted.get(sorted.size() - 1) / 1000.0);
        return out;
    }

    private static double at(List<Long> sorted, double quantile) {
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size()))) / 1000.0;
    }
}
