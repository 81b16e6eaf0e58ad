package io.clamator.transport.redis;

/**
 * Redis Cluster's hash tags: when a key holds a {@code {...}} with something inside, only that
 * part decides the key's slot, so keys that share it live on the same node.
 */
final class HashTags {

    private HashTags() {
    }

    /**
     * Whether a script may touch several keys of {@code keyPrefix}: always on one Redis; on a
     * cluster only when the prefix has a hash tag, which puts all its keys in one slot.
     */
    static boolean keepsKeysTogether(boolean cluster, String keyPrefix) {
        return !cluster || hasHashTag(keyPrefix);
    }

    /**
     * Whether the keys starting with {@code keyPrefix} share their hash tag: the prefix holds a
     * {@code '{'} followed, with at least one character between, by a {@code '}'} (Redis uses the
     * first {@code '{'} and the first {@code '}'} after it).
     */
    static boolean hasHashTag(String keyPrefix) {
        int open = keyPrefix.indexOf('{');
        if (open < 0) {
            return false;
        }
        int close = keyPrefix.indexOf('}', open + 1);
        return close > open + 1;
    }
}
