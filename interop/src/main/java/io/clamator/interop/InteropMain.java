package io.clamator.interop;

import io.clamator.interop.client.InteropClient;
import io.clamator.json.ClamatorJson;
import io.clamator.interop.server.InteropServer;
import java.io.InputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entry point of the Java interop drivers: {@code server} or {@code client}, configured by one
 * JSON document on stdin (the process protocol of the upstream interop harness; see
 * docs/interop.md).
 */
public final class InteropMain {

    private InteropMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !(args[0].equals("server") || args[0].equals("client"))) {
            System.err.println("usage: clamator-interop server|client  (configuration as JSON on stdin)");
            System.exit(2);
        }
        JsonMapper mapper = ClamatorJson.defaults().mapper();
        JsonNode config;
        try (InputStream in = System.in) {
            config = mapper.readTree(in);
        }
        if (config == null || !config.isObject()) {
            System.err.println("expected one JSON object on stdin");
            System.exit(2);
        }
        if (args[0].equals("server")) {
            InteropServer.run(config);
        } else {
            InteropClient.run(config, mapper);
            System.exit(0);
        }
    }
}
