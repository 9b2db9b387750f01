package io.toolcatalog.testsupport;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ChildProcessesTest {

    private static final long THIS_JVM = ProcessHandle.current().pid();

    @Test
    void jcmdAnswersWhatTheJvmPrints() {
        String version = ChildProcesses.jcmd(THIS_JVM, "VM.version");

        assertTrue(version.contains(System.getProperty("java.vm.version")), version);
    }

    @Test
    void jcmdThatFailsThrowsWithWhatItPrinted() {
        IllegalStateException failed =
                assertThrows(IllegalStateException.class, () -> ChildProcesses.jcmd(THIS_JVM, "No.such.command"));

        assertTrue(failed.getMessage().contains("No.such.command"), failed.getMessage());
    }
}
