package io.toolcatalog.bench.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class ThreadCpuTest {

    private static final long BURN = 200_000_000L;

    private final ThreadCpu cpu = new ThreadCpu();

    @Test
    void countsTheCpuOfRegisteredThreadsAndNotOfOthers() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread counted = registeredThreadThatBurnt(release);
        long afterCounted = cpu.nanos();

        Thread other = new Thread(() -> burn(BURN));
        other.start();
        other.join();
        long afterOther = cpu.nanos();
        release.countDown();
        counted.join();

        assertThat(afterCounted).isGreaterThanOrEqualTo(BURN);
        assertThat(afterOther - afterCounted).isLessThan(BURN / 4);
    }

    @Test
    void keepsWhatAThreadUsedAfterItEnds() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread counted = registeredThreadThatBurnt(release);
        long whileAlive = cpu.nanos();
        release.countDown();
        counted.join();

        assertThat(cpu.nanos()).isGreaterThanOrEqualTo(whileAlive).isGreaterThanOrEqualTo(BURN);
    }

    /** A thread counted by {@link #cpu} that has used {@link #BURN} of CPU and waits for {@code release}. */
    private Thread registeredThreadThatBurnt(CountDownLatch release) throws InterruptedException {
        CountDownLatch burnt = new CountDownLatch(1);
        Thread counted = new Thread(() -> {
            cpu.register();
            burn(BURN);
            burnt.countDown();
            await(release);
        });
        counted.start();
        burnt.await();
        return counted;
    }

    /** Spins until the calling thread has used {@code nanos} of CPU. */
    private static void burn(long nanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        while (threads.getCurrentThreadCpuTime() - start < nanos) {
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
