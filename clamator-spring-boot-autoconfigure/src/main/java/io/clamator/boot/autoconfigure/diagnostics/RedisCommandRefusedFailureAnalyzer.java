package io.clamator.boot.autoconfigure.diagnostics;

import io.clamator.transport.redis.RedisCommandRefusedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a startup that failed because Redis refused a command a clamator server or client needs, or
 * because a server or client was given one node of a Redis Cluster as its Redis.
 */
class RedisCommandRefusedFailureAnalyzer extends AbstractFailureAnalyzer<RedisCommandRefusedException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, RedisCommandRefusedException cause) {
        String who = cause.reason() == RedisCommandRefusedException.Reason.CLUSTER_NODE ? "transport" : cause.role().toString();
        String description = "The clamator Redis " + who + " could not start: " + cause.getMessage() + ".";
        String action = switch (cause.reason()) {
            case UNKNOWN_COMMAND -> "Run clamator against Redis 6.2 or newer"
                    + (cause.redisVersion() == null ? "" : " (this one is " + cause.redisVersion() + ")")
                    + ": the server reclaims the calls of crashed instances with XAUTOCLAIM, which older versions lack.";
            case NOT_PERMITTED -> "Allow the Redis user clamator connects as to run " + cause.command()
                    + " and the other commands its servers and clients need, on the keys of its key prefix, for example:"
                    + " ACL SETUSER <user> ~<key-prefix>:* +xadd +xreadgroup +xread +xack +xdel +xautoclaim +xclaim +xpending"
                    + " +xgroup|create +xgroup|delconsumer +xinfo|consumers +xinfo|groups +xinfo|stream +xlen +xrange +xtrim +pexpire +del"
                    + " +evalsha +eval +time +client|id +client|unblock."
                    + " Or connect as another user (clamator.redis.url, or spring.data.redis.username).";
            case CLUSTER_NODE -> "Configure the cluster's nodes instead of one Redis URL: spring.data.redis.cluster.nodes, or"
                    + " clamator.redis.cluster.nodes for a cluster of clamator's own (and no clamator.redis.url or spring.data.redis.url).";
        };
        return new FailureAnalysis(description, action, cause);
    }
}
