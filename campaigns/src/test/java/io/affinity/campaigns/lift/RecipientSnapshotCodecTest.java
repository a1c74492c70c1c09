package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Recipients come back from their bytes exactly as they went in. */
class RecipientSnapshotCodecTest {
  private static final long STARTED = 1_700_000_000_000L;

  // Ids with gaps small and large; starts none, earlier than the one before, and far apart.
  private final CampaignRecipients recipients =
      CampaignRecipients.of(
          List.of("A", "B", "control"),
          List.of("unknown", "champions", "à risque"),
          new long[] {3, 4, 900, 1L << 40},
          new int[] {0, 2, 1, 2},
          new int[] {1, 0, 2, 1},
          STARTED,
          new long[] {STARTED + 5_000, 0, STARTED - 86_400_000L, Long.MAX_VALUE / 2});

  @Test
  void recipientsWithTheirSegmentsRoundTrip() {
    CampaignRecipients back =
        RecipientSnapshotCodec.decode(RecipientSnapshotCodec.encode(recipients));

    assertThat(back.size()).isEqualTo(recipients.size());
    assertThat(back.started()).isEqualTo(recipients.started());
    assertThat(back.arms).isEqualTo(recipients.arms);
    assertThat(back.groups).isEqualTo(recipients.groups);
    assertThat(back.fingerprint()).isEqualTo(recipients.fingerprint());
    for (int i = 0; i < recipients.size(); i++) {
      assertThat(back.customer(i)).isEqualTo(recipients.customer(i));
      assertThat(back.arm(i)).isEqualTo(recipients.arm(i));
      assertThat(back.group(i)).isEqualTo(recipients.group(i));
      assertThat(back.start(i)).isEqualTo(recipients.start(i));
      assertThat(back.find(recipients.customer(i))).isEqualTo(i);
    }
  }

  @Test
  void bytesOfAnotherFormatAreNotRead() {
    byte[] bytes = RecipientSnapshotCodec.encode(recipients);
    bytes[0] = (byte) (RecipientSnapshotCodec.FORMAT + 1);

    assertThat(RecipientSnapshotCodec.decode(bytes)).isNull();
  }
}
