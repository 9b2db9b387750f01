package io.toolcatalog.core.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.toolcatalog.core.change.CommittedChange;
import io.toolcatalog.core.change.ReloadTrigger;
import io.toolcatalog.core.change.RevisionRows;
import io.toolcatalog.core.error.DatabaseUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How writes meet in groups: the database's part is faked, the queue's rules are real. */
class WriteQueueTest {

    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<List<String>> groups = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> announced = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong revision = new AtomicLong();
    private final CountDownLatch firstGroupMayCommit = new CountDownLatch(1);

    @AfterEach
    void stop() {
        firstGroupMayCommit.countDown();
        threads.shutdownNow();
    }

    /** Commits like the database would: each write takes the next revision; the first group waits to be let go. */
    private final Consumer<List<PendingWrite<?>>> commit = group -> {
        groups.add(group.stream().map(w -> w.reloadId().toString()).toList());
        if (groups.size() == 1) {
            await().atMost(Duration.ofSeconds(10)).until(() -> firstGroupMayCommit.getCount() == 0);
        }
        group.forEach(w -> w.run(revision.incrementAndGet()));
    };

    private PendingWrite<Long> write(String name, boolean alone) {
        return write(name, alone, change -> announced.add(change.revision()));
    }

    private PendingWrite<Long> write(String name, boolean alone, Consumer<CommittedChange> announce) {
        UUID id = UUID.nameUUIDFromBytes(name.getBytes());
        return new PendingWrite<>(
                id,
                alone,
                at -> new WriteTransactions.Done<>(
                        at,
                        new CommittedChange(
                                at,
                                List.of(name),
                                "update",
                                ReloadTrigger.API_UPDATE,
                                "test",
                                null,
                                null,
                                id,
                                "node",
                                Instant.EPOCH),
                        null),
                new ChangeAnnouncer() {
                    @Override
                    public void committed(CommittedChange change, RevisionRows rows) {
                        announce.accept(change);
                    }

                    @Override
                    public void serveAtLeast(long revision) {}
                });
    }

    private static String id(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes()).toString();
    }

    private Future<Long> join(WriteQueue queue, PendingWrite<Long> write) {
        return threads.submit(() -> {
            queue.join(write);
            return write.outcome();
        });
    }

    /** Starts {@code first}, which leads and holds its commit, then queues {@code behind} in this order. */
    private List<Future<Long>> queueBehindACommittingGroup(
            WriteQueue queue, PendingWrite<Long> first, List<PendingWrite<Long>> behind) {
        List<Future<Long>> answers = new ArrayList<>();
        answers.add(join(queue, first));
        await().atMost(Duration.ofSeconds(5)).until(() -> groups.size() == 1);
        for (PendingWrite<Long> write : behind) {
            answers.add(join(queue, write));
            int queued = answers.size() - 1;
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.waiting() == queued);
        }
        return answers;
    }

    @Test
    void writesThatArriveWhileAGroupCommitsGoTogetherInTheNextWithTheirOwnRevisions() throws Exception {
        WriteQueue queue = new WriteQueue(16, Duration.ofSeconds(10), commit);

        List<Future<Long>> answers = queueBehindACommittingGroup(
                queue, write("a", false), List.of(write("b", false), write("c", false), write("d", false)));
        firstGroupMayCommit.countDown();

        List<Long> revisions = new ArrayList<>();
        for (Future<Long> answer : answers) {
            revisions.add(answer.get(5, TimeUnit.SECONDS));
        }
        assertThat(groups).containsExactly(List.of(id("a")), List.of(id("b"), id("c"), id("d")));
        assertThat(revisions).containsExactly(1L, 2L, 3L, 4L);
        assertThat(announced).containsExactly(1L, 2L, 3L, 4L);
    }

    @Test
    void aWriteThatRunsAloneIsAGroupOfItsOwnAndAGroupTakesAtMostMaxGroup() throws Exception {
        WriteQueue queue = new WriteQueue(2, Duration.ofSeconds(10), commit);

        List<Future<Long>> answers = queueBehindACommittingGroup(
                queue,
                write("a", false),
                List.of(
                        write("b", false),
                        write("import", true),
                        write("c", false),
                        write("d", false),
                        write("e", false)));
        firstGroupMayCommit.countDown();
        for (Future<Long> answer : answers) {
            answer.get(5, TimeUnit.SECONDS);
        }

        assertThat(groups)
                .containsExactly(
                        List.of(id("a")),
                        List.of(id("b")),
                        List.of(id("import")),
                        List.of(id("c"), id("d")),
                        List.of(id("e")));
    }

    @Test
    void aWriteThatWaitsInTheQueuePastMaxWaitAnswersNothingWrittenAndIsNeverCommitted() throws Exception {
        WriteQueue queue = new WriteQueue(16, Duration.ofMillis(200), commit);
        List<Future<Long>> answers = new ArrayList<>();
        answers.add(join(queue, write("a", false)));
        await().atMost(Duration.ofSeconds(5)).until(() -> groups.size() == 1);
        Future<Long> late = join(queue, write("late", false));

        assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("nothing was written");
        firstGroupMayCommit.countDown();
        assertThat(answers.get(0).get(5, TimeUnit.SECONDS)).isEqualTo(1L);
        assertThat(groups).containsExactly(List.of(id("a")));
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void manyWritersAreAnnouncedInRevisionOrder() throws Exception {
        firstGroupMayCommit.countDown();
        WriteQueue queue = new WriteQueue(16, Duration.ofSeconds(10), commit);
        List<Future<Long>> answers = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            answers.add(join(queue, write("w" + i, false)));
        }
        List<Long> revisions = new ArrayList<>();
        for (Future<Long> answer : answers) {
            revisions.add(answer.get(10, TimeUnit.SECONDS));
        }

        assertThat(announced).hasSize(400).isSorted();
        assertThat(revisions).doesNotHaveDuplicates();
    }

    @Test
    void aWriteWhoseGroupIsBeingAnnouncedIsAnsweredWithoutLeadingTheNextGroup() throws Exception {
        CountDownLatch secondMayCommit = new CountDownLatch(1);
        CountDownLatch thirdMayCommit = new CountDownLatch(1);
        WriteQueue queue = new WriteQueue(16, Duration.ofSeconds(30), group -> {
            commit.accept(group);
            CountDownLatch gate = groups.size() == 2 ? secondMayCommit : groups.size() == 3 ? thirdMayCommit : null;
            if (gate != null) {
                await().atMost(Duration.ofSeconds(20)).until(() -> gate.getCount() == 0);
            }
        });
        try {
            List<Future<Long>> firstTwo = queueBehindACommittingGroup(
                    queue, write("a", false), List.of(write("b", false), write("c", false)));
            firstGroupMayCommit.countDown();
            await().atMost(Duration.ofSeconds(5)).until(() -> groups.size() == 2);
            Future<Long> unrelated = join(queue, write("d", false));
            await().atMost(Duration.ofSeconds(5)).until(() -> queue.waiting() == 1);

            secondMayCommit.countDown();

            // b and c are committed and announced while d's group still commits: they answer now
            assertThat(firstTwo.get(1).get(5, TimeUnit.SECONDS)).isEqualTo(2L);
            assertThat(firstTwo.get(2).get(5, TimeUnit.SECONDS)).isEqualTo(3L);
            assertThat(unrelated).isNotDone();
            thirdMayCommit.countDown();
            assertThat(unrelated.get(5, TimeUnit.SECONDS)).isEqualTo(4L);
        } finally {
            secondMayCommit.countDown();
            thirdMayCommit.countDown();
        }
    }

    @Test
    void everyCommittedWriteOfAGroupIsAnnouncedAndAnsweredWhateverOneAnnouncementThrows() throws Exception {
        WriteQueue queue = new WriteQueue(16, Duration.ofSeconds(10), commit);
        Consumer<CommittedChange> failing = change -> {
            throw new AssertionError("a listener that throws an Error");
        };

        List<Future<Long>> answers = queueBehindACommittingGroup(
                queue,
                write("a", false),
                List.of(write("b", false, failing), write("c", false, failing), write("d", false)));
        firstGroupMayCommit.countDown();

        List<Long> revisions = new ArrayList<>();
        for (Future<Long> answer : answers) {
            revisions.add(answer.get(5, TimeUnit.SECONDS));
        }
        assertThat(revisions).containsExactly(1L, 2L, 3L, 4L);
        assertThat(announced).containsExactly(1L, 4L);
        assertThat(queue.announceFailures()).isEqualTo(2);
    }
}
