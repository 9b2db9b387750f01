package io.toolcatalog.api.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
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

    @Test
    void aTokenKeptInAFileIsLoggedAsItsPathAndFingerprintOnly(CapturedOutput output) {
        Path file = dir.resolve("admin-token");

        String token = GeneratedAdminToken.obtain(file);
        GeneratedAdminToken.obtain(file);

        assertThat(output.getAll())
                .doesNotContain(token)
                .doesNotContain(token.substring(0, 16))
                .contains(file.toAbsolutePath().toString())
                .contains(GeneratedAdminToken.fingerprint(token));
        assertThat(GeneratedAdminToken.fingerprint(token))
                .startsWith(token.substring(0, 4))
                .hasSizeLessThan(24);
    }

    @Test
    void aTokenKeptNowhereIsLoggedOnceInFull(CapturedOutput output) {
        String token = GeneratedAdminToken.obtain(null);

        assertThat(output.getAll()).containsOnlyOnce(token);
    }
}
