package io.toolcatalog.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedAdminTokenTest {

    @TempDir
    Path dir;

    @Test
    void generatesADifferentRandomTokenEachTimeWhenNotKept() {
        String first = GeneratedAdminToken.obtain(null);
        String second = GeneratedAdminToken.obtain(null);

        assertThat(first).hasSize(64).isNotEqualTo(second);
    }

    @Test
    void keepsTheTokenWithOwnerOnlyPermissionsAndReusesItOnRestart() throws Exception {
        Path file = dir.resolve("nested").resolve("admin-token");

        String first = GeneratedAdminToken.obtain(file);
        String again = GeneratedAdminToken.obtain(file);

        assertThat(again).isEqualTo(first);
        assertThat(Files.readString(file).trim()).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }
}
