package io.toolcatalog.core.cluster;

import java.util.Collection;
import java.util.List;

/**
 * The cluster-wide table of watch consumers. Each node reports its own consumers now and then;
 * each entry expires on its own when it is not reported again within the registry's time to live.
 * The table is bounded: past its capacity a new name is refused, and so is a report under an id
 * that a different principal (or an authenticated one, for an anonymous report) holds.
 */
public interface ConsumerRegistry {

    /** A node on its own, without a shared table: nothing is refused, nobody owns an id, and there is no table to list. */
    ConsumerRegistry NONE = new ConsumerRegistry() {
        @Override
        public Refusals report(Collection<ConsumerPosition> positions) {
            return Refusals.NONE;
        }

        @Override
        public ConsumerPage consumers(String cursor, int limit) {
            throw new IllegalStateException("no cluster consumer registry");
        }
    };

    /** Records (or refreshes) these consumers of this node; answers how many were refused, and why. */
    Refusals report(Collection<ConsumerPosition> positions);

    /**
     * Whether {@code owner} (the caller's principal, null when anonymous) may speak for {@code
     * consumerId} by the rule of {@link #report}: nobody else owns the id. An authenticated caller
     * then owns it for the time to live, as a watch with its token would. Without a shared table
     * (a node on its own), nobody owns an id.
     */
    default boolean claim(String consumerId, String owner) {
        return true;
    }

    /**
     * At most {@code limit} consumers ordered by id then node, starting after {@code cursor} (null:
     * from the start); throws when the shared table cannot be read.
     */
    ConsumerPage consumers(String cursor, int limit);

    /** Reports refused: under an id someone else owns, or because the table was full. */
    record Refusals(int notOwner, int full) {

        public static final Refusals NONE = new Refusals(0, 0);

        public int total() {
            return notOwner + full;
        }
    }

    /**
     * One page of consumers; {@code nextCursor} continues after it (null at the end), {@code total}
     * is about how many entries the table holds.
     */
    record ConsumerPage(List<ConsumerPosition> consumers, String nextCursor, long total) {}
}
