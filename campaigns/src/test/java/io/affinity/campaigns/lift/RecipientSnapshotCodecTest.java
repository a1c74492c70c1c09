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
    RecipientSnapshotCodec.Decoded back =
        RecipientSnapshotCodec.decode(RecipientSnapshotCodec.encode(recipients, true));

    assertThat(back.bySegment()).isTrue();
    assertSame(back.recipients(), recipients);
    assertThat(back.recipients().groups).isEqualTo(recipients.groups);
    for (int i = 0; i < recipients.size(); i++) {
      assertThat(back.recipients().group(i)).isEqualTo(recipients.group(i));
    }
  }

  @Test
  void recipientsWithoutSegmentsRoundTripInOneGroup() {
    RecipientSnapshotCodec.Decoded back =
        RecipientSnapshotCodec.decode(RecipientSnapshotCodec.encode(recipients, false));

    assertThat(back.bySegment()).isFalse();
    assertSame(back.recipients(), recipients);
    assertThat(back.recipients().groups).containsExactly(Attribution.ALL);
    assertThat(back.recipients().group(3)).isZero();
  }

  @Test
  void bytesOfAnotherFormatAreNotRead() {
    byte[] bytes = RecipientSnapshotCodec.encode(recipients, true);
    bytes[0] = (byte) (RecipientSnapshotCodec.FORMAT + 1);

    assertThat(RecipientSnapshotCodec.decode(bytes)).isNull();
  }

  private static void assertSame(CampaignRecipients back, CampaignRecipients sent) {
    assertThat(back.size()).isEqualTo(sent.size());
    assertThat(back.started()).isEqualTo(sent.started());
    assertThat(back.arms).isEqualTo(sent.arms);
    assertThat(back.fingerprint()).isEqualTo(sent.fingerprint());
    for (int i = 0; i < sent.size(); i++) {
      assertThat(back.customer(i)).isEqualTo(sent.customer(i));
      assertThat(back.arm(i)).isEqualTo(sent.arm(i));
      assertThat(back.start(i)).isEqualTo(sent.start(i));
      assertThat(back.find(sent.customer(i))).isEqualTo(i);
    }
  }
}
