package io.clamator.transport.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.Test;

/** Which key prefixes keep every key of a deployment in one Redis Cluster slot. */
class HashTagsTest {

    @Test
    void aPrefixWithABracedNonEmptyPartHasAHashTag() {
        assertThat(HashTags.hasHashTag("{orders}")).isTrue();
        assertThat(HashTags.hasHashTag("shop:{orders}:v2")).isTrue();
        assertThat(HashTags.hasHashTag("a{b}c{d}")).isTrue();
    }

    @Test
    void anEmptyOrUnclosedBraceIsNoHashTag() {
        assertThat(HashTags.hasHashTag("orders")).isFalse();
        assertThat(HashTags.hasHashTag("{}orders")).as("Redis hashes the whole key").isFalse();
        assertThat(HashTags.hasHashTag("{orders")).as("closed only by a later part of a key, if at all").isFalse();
        assertThat(HashTags.hasHashTag("orders}")).isFalse();
    }

    @Test
    void theKeysOfAPrefixWithAHashTagShareTheirSlotAndOthersSpread() {
        assertThat(SlotHash.getSlot(StreamKeys.commands("{orders}", "arith")))
                .isEqualTo(SlotHash.getSlot(StreamKeys.replies("{orders}", "client-1")))
                .isEqualTo(SlotHash.getSlot(StreamKeys.deadLetters("{orders}")));
        assertThat(SlotHash.getSlot(StreamKeys.commands("orders", "arith")))
                .isNotEqualTo(SlotHash.getSlot(StreamKeys.replies("orders", "client-1")));
    }
}
