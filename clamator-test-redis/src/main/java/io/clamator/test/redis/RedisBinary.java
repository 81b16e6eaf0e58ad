package io.clamator.test.redis;

import java.nio.file.Path;

/** An executable {@code redis-server} and a description of where it came from. */
record RedisBinary(Path executable, String description) {
}
