package io.clamator.sample.docs.operations;

import io.clamator.transport.redis.RedisDeadLetters;
import java.util.ArrayList;
import java.util.List;

/** The dead-letter example of docs/operations.md: list what is there, replay one. */
final class DeadLetterReport {

    private DeadLetterReport() {
    }

    static List<String> listThenReplay(String redisUrl, String keyPrefix, String id) {
        List<String> report = new ArrayList<>();
        try (RedisDeadLetters deadLetters = RedisDeadLetters.connect(redisUrl, keyPrefix)) {
            for (RedisDeadLetters.DeadLetter letter : deadLetters.list(20)) {
                report.add(letter.service() + " " + letter.deliveries() + " " + letter.envelope());
            }
            deadLetters.replay(id);
        }
        return report;
    }
}
