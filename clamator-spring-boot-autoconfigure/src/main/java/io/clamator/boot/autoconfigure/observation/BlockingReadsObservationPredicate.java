package io.clamator.boot.autoconfigure.observation;

import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.tracing.LettuceObservationContext;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationPredicate;
import java.util.List;
import java.util.stream.Stream;

/**
 * Leaves out of the application's observations the blocking reads clamator's loops keep
 * outstanding on its command and reply streams ({@code XREADGROUP}/{@code XREAD ... BLOCK}), which
 * Spring Boot's Lettuce observation would record as a root span every block time per service and
 * per client; every other Redis command, clamator's {@code XADD}s and scripts among them, is
 * observed as before.
 */
final class BlockingReadsObservationPredicate implements ObservationPredicate {

    private final List<String> streamKeyPrefixes;

    /** @param keyPrefixes the key prefixes clamator serves and calls */
    BlockingReadsObservationPredicate(List<String> keyPrefixes) {
        this.streamKeyPrefixes = keyPrefixes.stream().distinct()
                .flatMap(prefix -> Stream.of(prefix + ":cmds:", prefix + ":replies:")).toList();
    }

    @Override
    public boolean test(String name, Observation.Context context) {
        if (!(context instanceof LettuceObservationContext lettuce) || !lettuce.hasCommand()) {
            return true;
        }
        RedisCommand<?, ?, ?> command = lettuce.getRequiredCommand();
        ProtocolKeyword type = command.getType();
        if ((type != CommandType.XREADGROUP && type != CommandType.XREAD) || command.getArgs() == null) {
            return true;
        }
        String args = command.getArgs().toCommandString();
        return !(args.contains("BLOCK") && streamKeyPrefixes.stream().anyMatch(args::contains));
    }
}
