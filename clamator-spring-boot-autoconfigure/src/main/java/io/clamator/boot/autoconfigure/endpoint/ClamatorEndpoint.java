package io.clamator.boot.autoconfigure.endpoint;

import io.clamator.boot.autoconfigure.client.ClamatorClients;
import io.clamator.boot.autoconfigure.server.ClamatorServerLifecycle;
import io.clamator.client.ClientDescription;
import io.clamator.server.ServerDescription;
import io.clamator.transport.redis.NoSuchDeadLetterException;
import io.clamator.transport.redis.RedisDeadLetters;
import io.clamator.transport.redis.RedisServiceStreams;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.Show;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code clamator} Actuator endpoint. Reading it shows what this instance serves and calls
 * and, read from Redis, every service on the instance's key prefixes whatever its language.
 * Writing is limited to what is safe: removing a consumer that has nothing pending and has been
 * idle for at least {@link #LEAST_CONSUMER_IDLE}, and replaying or purging dead letters. Only the
 * key prefixes this instance serves or calls can be addressed.
 *
 * <pre>
 * GET    /actuator/clamator                                        this instance and its key prefixes
 * GET    /actuator/clamator/{prefix}                               one key prefix's services
 * GET    /actuator/clamator/{prefix}/dead-letters                  its dead letters (the oldest 100)
 * POST   /actuator/clamator/{prefix}/dead-letters/{id}             replays one
 * DELETE /actuator/clamator/{prefix}/dead-letters/{id}             purges one
 * DELETE /actuator/clamator/{prefix}/dead-letters                  purges all
 * DELETE /actuator/clamator/{prefix}/consumers/{service}/{consumer} removes an idle consumer
 * </pre>
 */
@Endpoint(id = "clamator", defaultAccess = Access.READ_ONLY)
public class ClamatorEndpoint {

    /** How long a consumer must have been idle before the endpoint removes it. */
    public static final Duration LEAST_CONSUMER_IDLE = Duration.ofMinutes(1);

    static final String DEAD_LETTERS = "dead-letters";

    static final String CONSUMERS = "consumers";

    private static final int DEAD_LETTERS_LISTED = 100;

    /** What a masked envelope reads, as Spring Boot masks values. */
    static final String MASK = "******";

    private static final Pattern ENTRY_ID = Pattern.compile("(\\d{1,20})-(\\d{1,20})");

    private final ClamatorServerLifecycle server;

    private final ClamatorClients clients;

    private final ClamatorRedisView redis;

    private final Show showValues;

    private final Set<String> roles;

    /**
     * @param server     the server's lifecycle, {@code null} when this instance serves nothing
     * @param clients    the clients, {@code null} when there are none
     * @param redis      the way into Redis, {@code null} on the memory transport
     * @param showValues when dead letters' envelopes are shown rather than masked
     * @param roles      the roles that see them with {@link Show#WHEN_AUTHORIZED}
     */
    ClamatorEndpoint(ClamatorServerLifecycle server, ClamatorClients clients, ClamatorRedisView redis, Show showValues,
            Set<String> roles) {
        this.server = server;
        this.clients = clients;
        this.redis = redis;
        this.showValues = showValues;
        this.roles = Set.copyOf(roles);
    }

    /**
     * What the endpoint shows.
     *
     * @param server  what this instance serves, {@code null} when it serves nothing
     * @param clients what it calls through, by backend ({@code default} for the application's own client)
     * @param redis   every key prefix it serves or calls, as Redis holds it (empty on the memory transport)
     */
    public record ClamatorDescriptor(ServerDescription server, Map<String, ClientDescription> clients,
                                     List<KeyPrefixDescriptor> redis) {
    }

    /**
     * One key prefix in Redis.
     *
     * @param keyPrefix   the key prefix
     * @param services    every service with a command stream under it
     * @param deadLetters how many dead letters it holds
     * @param error       why Redis could not be read, {@code null} when it could
     */
    public record KeyPrefixDescriptor(String keyPrefix, List<RedisServiceStreams.ServiceStream> services, long deadLetters,
                                      String error) {
    }

    /**
     * The outcome of a request to remove a consumer.
     *
     * @param service  the service
     * @param consumer the consumer
     * @param outcome  whether it was removed, or why not
     */
    public record ConsumerRemovalDescriptor(String service, String consumer, RedisServiceStreams.ConsumerRemoval outcome) {
    }

    /** This instance and each of its key prefixes as Redis holds them; a key prefix Redis cannot give says why. */
    @ReadOperation
    public ClamatorDescriptor clamator() {
        ServerDescription served = served();
        Map<String, ClientDescription> called = called();
        List<KeyPrefixDescriptor> prefixes = new ArrayList<>();
        if (this.redis != null) {
            keyPrefixes(served, called).forEach(prefix -> prefixes.add(readOrExplain(prefix)));
        }
        return new ClamatorDescriptor(served, called, prefixes);
    }

    /** What this instance serves, {@code null} when it serves nothing. */
    private ServerDescription served() {
        return (this.server != null && this.server.server() != null) ? this.server.server().describe() : null;
    }

    /** What this instance calls through, by backend. */
    private Map<String, ClientDescription> called() {
        Map<String, ClientDescription> called = new LinkedHashMap<>();
        if (this.clients != null) {
            called.put("default", this.clients.client().describe());
            this.clients.backends().forEach(backend -> called.put(backend, this.clients.client(backend).describe()));
        }
        return called;
    }

    /** One key prefix's services and dead-letter count; {@code null} (404) for a prefix this instance does not use. */
    @ReadOperation
    public KeyPrefixDescriptor keyPrefix(@Selector String prefix) {
        if (!isKnown(prefix)) {
            return null;
        }
        return read(prefix);
    }

    private KeyPrefixDescriptor read(String prefix) {
        return new KeyPrefixDescriptor(prefix, this.redis.streams(prefix, RedisServiceStreams::list),
                this.redis.deadLetters(prefix, RedisDeadLetters::count), null);
    }

    private KeyPrefixDescriptor readOrExplain(String prefix) {
        try {
            return read(prefix);
        }
        catch (RuntimeException ex) {
            return new KeyPrefixDescriptor(prefix, List.of(), 0, ex.getMessage());
        }
    }

    /**
     * The oldest dead letters of a key prefix, their envelopes masked unless
     * {@code management.endpoint.clamator.show-values} shows them to this user; {@code null} (404)
     * for another section or an unknown prefix.
     */
    @ReadOperation
    public List<RedisDeadLetters.DeadLetter> section(SecurityContext securityContext, @Selector String prefix,
            @Selector String section) {
        if (!isKnown(prefix) || !DEAD_LETTERS.equals(section)) {
            return null;
        }
        List<RedisDeadLetters.DeadLetter> letters = this.redis.deadLetters(prefix, deadLetters -> deadLetters.list(DEAD_LETTERS_LISTED));
        return this.showValues.isShown(securityContext, this.roles) ? letters : letters.stream().map(ClamatorEndpoint::masked).toList();
    }

    private static RedisDeadLetters.DeadLetter masked(RedisDeadLetters.DeadLetter letter) {
        return new RedisDeadLetters.DeadLetter(letter.id(), letter.service(), letter.entryId(), MASK, letter.replyTo(),
                letter.deliveries(), letter.consumer(), letter.reason());
    }

    /** Replays a dead letter: it goes back to its service's command stream as a new entry. */
    @WriteOperation
    public Map<String, String> replay(@Selector String prefix, @Selector String section, @Selector String id) {
        requireDeadLetters(prefix, section);
        requireEntryId(id);
        try {
            return Map.of("replayed", id, "entry", this.redis.deadLetters(prefix, deadLetters -> deadLetters.replay(id)));
        }
        catch (NoSuchDeadLetterException ex) {
            throw new InvalidEndpointRequestException(ex.getMessage(), "No such dead letter");
        }
        catch (IllegalArgumentException ex) {
            throw new InvalidEndpointRequestException(ex.getMessage(), "Dead letter cannot be replayed");
        }
    }

    /** Purges one dead letter; {@code found} says whether there was one with that id. */
    @DeleteOperation
    public Map<String, Object> purge(@Selector String prefix, @Selector String section, @Selector String id) {
        requireDeadLetters(prefix, section);
        requireEntryId(id);
        return Map.of("purged", id, "found", this.redis.deadLetters(prefix, deadLetters -> deadLetters.purge(id)));
    }

    /** Purges every dead letter of a key prefix; {@code purged} says how many there were. */
    @DeleteOperation
    public Map<String, Long> purgeAll(@Selector String prefix, @Selector String section) {
        requireDeadLetters(prefix, section);
        return Map.of("purged", this.redis.deadLetters(prefix, RedisDeadLetters::purgeAll));
    }

    /** Removes a consumer from a service's group if nothing is pending to it and it has been idle long enough. */
    @DeleteOperation
    public ConsumerRemovalDescriptor removeConsumer(@Selector String prefix, @Selector String section, @Selector String service,
            @Selector String consumer) {
        requireKnown(prefix);
        if (!CONSUMERS.equals(section)) {
            throw new InvalidEndpointRequestException("No such section: " + section, "Expected " + CONSUMERS);
        }
        return new ConsumerRemovalDescriptor(service, consumer,
                this.redis.streams(prefix, streams -> streams.removeIdleConsumer(service, consumer, LEAST_CONSUMER_IDLE)));
    }

    private void requireDeadLetters(String prefix, String section) {
        requireKnown(prefix);
        if (CONSUMERS.equals(section)) {
            throw new InvalidEndpointRequestException("Removing a consumer needs its service and its name",
                    "Expected " + CONSUMERS + "/{service}/{consumer}");
        }
        if (!DEAD_LETTERS.equals(section)) {
            throw new InvalidEndpointRequestException("No such section: " + section, "Expected " + DEAD_LETTERS);
        }
    }

    /** A stream entry id: two unsigned 64-bit numbers, as Redis takes them. */
    private static void requireEntryId(String id) {
        Matcher parts = ENTRY_ID.matcher(id);
        if (!parts.matches() || !fitsUnsignedLong(parts.group(1)) || !fitsUnsignedLong(parts.group(2))) {
            throw new InvalidEndpointRequestException("Not a stream entry id: " + id, "Expected <milliseconds>-<sequence>");
        }
    }

    private static boolean fitsUnsignedLong(String digits) {
        try {
            Long.parseUnsignedLong(digits);
            return true;
        }
        catch (NumberFormatException ex) {
            return false;
        }
    }

    private void requireKnown(String prefix) {
        if (!isKnown(prefix)) {
            throw new InvalidEndpointRequestException("Not a key prefix this instance serves or calls over Redis: " + prefix,
                    "Unknown key prefix");
        }
    }

    private boolean isKnown(String prefix) {
        return this.redis != null && keyPrefixes(served(), called()).contains(prefix);
    }

    /** The key prefixes this instance serves or calls. */
    private static Set<String> keyPrefixes(ServerDescription served, Map<String, ClientDescription> called) {
        Set<String> prefixes = new LinkedHashSet<>();
        if (served != null) {
            prefixes.add(served.keyPrefix());
        }
        called.values().forEach(client -> prefixes.add(client.keyPrefix()));
        prefixes.remove(null);
        return prefixes;
    }
}
