package io.clamator.transport.redis;

import org.junit.jupiter.api.Tag;

/**
 * The behaviour every transport shares, on a Redis Cluster, with hash-tagged key prefixes
 * ({@code {prefix}}): every key of a prefix on one node, replies and acknowledgements in one script.
 */
@Tag("cluster")
class ClusterHashTagTransportBehaviourTest extends ClusterTransportBehaviourTest {

    @Override
    String clusterPrefix(String keyPrefix) {
        return "{" + keyPrefix + "}";
    }
}
