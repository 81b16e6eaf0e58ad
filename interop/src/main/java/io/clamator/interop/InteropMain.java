package io.clamator.interop;

import io.clamator.interop.client.InteropClient;
import io.clamator.interop.load.LoadClient;
import io.clamator.json.ClamatorJson;
import io.clamator.interop.server.InteropServer;
import java.io.InputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Entry point of the Java drivers: {@code server} or {@code client} of the interop suite, and
 * {@code load} of the reliability suite, configured by one JSON document on stdin (the process
 * protocol of the upstream interop harness; see docs/interop.md and docs/reliability.md).
 */
public final class InteropMain {

    private InteropMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !(args[0].equals("server") || args[0].equals("client") || args[0].equals("load"))) {
            System.err.println("usage: clamator-interop server|client|load  (configuration as JSON on stdin)");
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
        } else if (args[0].equals("client")) {
            InteropClient.run(config, mapper);
            System.exit(0);
        } else {
            LoadClient.run(config, mapper);
            System.exit(0);
        }
    }
}
