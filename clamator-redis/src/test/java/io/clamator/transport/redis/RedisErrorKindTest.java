package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisBusyException;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisNoScriptException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class RedisErrorKindTest {

    @Test
    void errorRepliesAreClassifiedByTheirCode() {
        assertThat(RedisErrorKind.of(new RedisCommandExecutionException("NOGROUP No such key 'k' or consumer group 'g'")))
                .isEqualTo(RedisErrorKind.NO_GROUP);
        assertThat(RedisErrorKind.of(new RedisBusyException("BUSYGROUP Consumer Group name already exists")))
                .isEqualTo(RedisErrorKind.GROUP_EXISTS);
        assertThat(RedisErrorKind.of(new RedisNoScriptException("NOSCRIPT No matching script"))).isEqualTo(RedisErrorKind.NO_SCRIPT);
        assertThat(RedisErrorKind.ofReply("OOM command not allowed when used memory > 'maxmemory'.")).isEqualTo(RedisErrorKind.OUT_OF_MEMORY);
        assertThat(RedisErrorKind.ofReply("@user_script: 1: -OOM command not allowed when used memory > 'maxmemory'."))
                .as("caught in a script by Redis 6.2").isEqualTo(RedisErrorKind.OUT_OF_MEMORY);
        assertThat(RedisErrorKind.of(new ReplyWriter.ReplyRefusedException("OOM command not allowed when used memory > 'maxmemory'.")))
                .as("one reply refused by a script").isEqualTo(RedisErrorKind.OUT_OF_MEMORY);
        assertThat(RedisErrorKind.ofReply("WRONGTYPE Operation against a key holding the wrong kind of value"))
                .isEqualTo(RedisErrorKind.WRONG_TYPE);
        assertThat(RedisErrorKind.ofReply("NOPERM this user has no permissions to run the 'xautoclaim' command"))
                .isEqualTo(RedisErrorKind.NO_PERMISSION);
        assertThat(RedisErrorKind.ofReply("CLUSTERDOWN The cluster is down")).isEqualTo(RedisErrorKind.UNAVAILABLE);
        assertThat(RedisErrorKind.ofReply("MOVED 3999 127.0.0.1:6381")).isEqualTo(RedisErrorKind.UNAVAILABLE);
        assertThat(RedisErrorKind.ofReply("TRYAGAIN Multiple keys request during rehashing of slot")).isEqualTo(RedisErrorKind.UNAVAILABLE);
        assertThat(RedisErrorKind.ofReply("LOADING Redis is loading the dataset in memory")).isEqualTo(RedisErrorKind.UNAVAILABLE);
        assertThat(RedisErrorKind.ofReply("BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE."))
                .isEqualTo(RedisErrorKind.UNAVAILABLE);
        assertThat(RedisErrorKind.ofReply("MISCONF Redis is configured to save RDB snapshots, but it's currently unable to persist to disk."))
                .isEqualTo(RedisErrorKind.UNAVAILABLE);
        assertThat(RedisErrorKind.ofReply("ERR unknown command 'XAUTOCLAIM'")).isEqualTo(RedisErrorKind.OTHER_ERROR_REPLY);
        assertThat(RedisErrorKind.ofReply(null)).isEqualTo(RedisErrorKind.OTHER_ERROR_REPLY);
    }

    @Test
    void clientSideFailuresAreTimeoutsOrConnectionFailures() {
        assertThat(RedisErrorKind.of(new CompletionException(new RedisCommandTimeoutException("timed out"))))
                .as("through the future's wrapper").isEqualTo(RedisErrorKind.TIMEOUT);
        assertThat(RedisErrorKind.of(new RedisConnectionException("refused"))).isEqualTo(RedisErrorKind.CONNECTION);
        assertThat(RedisErrorKind.of(new RedisException("Connection closed"))).isEqualTo(RedisErrorKind.CONNECTION);
        assertThat(RedisErrorKind.of(new IllegalStateException("a bug"))).isEqualTo(RedisErrorKind.UNEXPECTED);
    }

    @Test
    void onlyPassingKindsMaySucceedLaterUnchanged() {
        assertThat(RedisErrorKind.OUT_OF_MEMORY.isPassing()).isTrue();
        assertThat(RedisErrorKind.TIMEOUT.isPassing()).isTrue();
        assertThat(RedisErrorKind.CONNECTION.isPassing()).isTrue();
        assertThat(RedisErrorKind.UNAVAILABLE.isPassing()).as("a failover ends").isTrue();
        assertThat(RedisErrorKind.WRONG_TYPE.isPassing()).isFalse();
        assertThat(RedisErrorKind.NO_PERMISSION.isPassing()).isFalse();
    }
}
