package io.affinity.campaigns.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The tracking key: configured, or generated once and kept in the data directory. */
class TrackingSecretTest {
  @TempDir Path dir;

  @Test
  void aGeneratedKeyIsKeptSoLinksSurviveARestart() throws Exception {
    byte[] first = TrackingSecret.key(null, dir);
    byte[] second = TrackingSecret.key("", dir);
    assertThat(first).hasSize(32).isEqualTo(second);
    assertThat(Files.exists(dir.resolve(TrackingSecret.FILE))).isTrue();
    TrackingToken t = new TrackingToken(TrackingToken.Purpose.OPEN, 1, 2, null, null);
    assertThat(new TokenSigner(second).verify(new TokenSigner(first).sign(t))).contains(t);
  }

  @Test
  void aConfiguredKeyWinsAndATooShortOneIsRefusedWithoutShowingIt() {
    assertThat(TrackingSecret.key("0123456789abcdef-configured", dir))
        .isEqualTo("0123456789abcdef-configured".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.exists(dir.resolve(TrackingSecret.FILE))).isFalse();
    assertThatThrownBy(() -> TrackingSecret.key("short-secret", dir))
        .hasMessageNotContaining("short-secret")
        .hasMessageContaining("at least 16");
  }
}
