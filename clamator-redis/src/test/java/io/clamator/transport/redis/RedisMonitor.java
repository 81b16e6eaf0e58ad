package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Redis's MONITOR on a socket of its own: every command the server runs (those of scripts too), as Redis prints it. */
final class RedisMonitor implements AutoCloseable {

    private final Socket socket;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    RedisMonitor(String host, int port) throws IOException {
        socket = new Socket(host, port);
        socket.getOutputStream().write("MONITOR\r\n".getBytes(StandardCharsets.US_ASCII));
        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        assertThat(in.readLine()).isEqualTo("+OK");
        Thread reader = new Thread(() -> {
            try {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // closed
            }
        }, "redis-monitor");
        reader.setDaemon(true);
        reader.start();
    }

    /** The commands naming the key, from their name on: {@code "XREAD" "COUNT" "2" ...}. */
    List<String> commandsOn(String key) {
        return lines.stream().filter(line -> line.contains("\"" + key + "\"")).map(line -> line.substring(line.indexOf("] ") + 2)).toList();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
