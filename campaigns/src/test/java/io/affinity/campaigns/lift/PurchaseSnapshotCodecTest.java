package io.affinity.campaigns.lift;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A period's purchases come back from their bytes exactly as they went in. */
class PurchaseSnapshotCodecTest {
  private static final long FROM = 1_700_000_000_000L;

  @Test
  void purchaseLinesRoundTrip() {
    long o1 = key("536365");
    long o2 = key("C536379");
    PurchaseRows rows = PurchaseRows.filled(true, FROM, FROM + 86_400_000L, 123_456_789L, 6);
    rows.append(17, FROM, 2_550, 4, o1); // two lines of one order
    rows.append(17, FROM, 0, PurchaseRows.NO_PRODUCT, o1); // no amount, no product
    rows.append(1L << 40, FROM + 1, -1_990, 5, o2); // a return: a negative amount
    rows.append(18, FROM + 1, 100, 4, PurchaseRows.NO_ORDER);
    rows.append(18, FROM + 1, 100, 4, PurchaseRows.NO_ORDER); // two lines without an order
    rows.append(17, FROM + 86_399_999L, 99, Long.MAX_VALUE, o1); // the first order again

    PurchaseRows back = PurchaseSnapshotCodec.decode(PurchaseSnapshotCodec.encode(rows));

    assertThat(back)
        .extracting(r -> r.full, r -> r.from, r -> r.to, r -> r.watermark, PurchaseRows::size)
        .containsExactly(true, FROM, FROM + 86_400_000L, 123_456_789L, 6);
    assertThat(back.customer.toLongArray()).isEqualTo(rows.customer.toLongArray());
    assertThat(back.at.toLongArray()).isEqualTo(rows.at.toLongArray());
    assertThat(back.cents.toLongArray()).isEqualTo(rows.cents.toLongArray());
    assertThat(back.product.toLongArray()).isEqualTo(rows.product.toLongArray());
    assertThat(back.order.toLongArray()).isEqualTo(rows.order.toLongArray());
  }

  @Test
  void preperiodLinesRoundTripWithoutProductsOrOrders() {
    PurchaseRows rows = PurchaseRows.filled(false, FROM, FROM + 10, 7, 2);
    rows.append(1, FROM + 3, 500, PurchaseRows.NO_PRODUCT, PurchaseRows.NO_ORDER);
    rows.append(2, FROM + 9, 700, PurchaseRows.NO_PRODUCT, PurchaseRows.NO_ORDER);

    PurchaseRows back = PurchaseSnapshotCodec.decode(PurchaseSnapshotCodec.encode(rows));

    assertThat(back.full).isFalse();
    assertThat(back.customer.toLongArray()).isEqualTo(rows.customer.toLongArray());
    assertThat(back.at.toLongArray()).isEqualTo(rows.at.toLongArray());
    assertThat(back.cents.toLongArray()).isEqualTo(rows.cents.toLongArray());
    assertThat(back.product.toLongArray()).containsOnly(PurchaseRows.NO_PRODUCT);
    assertThat(back.order.toLongArray()).containsOnly(PurchaseRows.NO_ORDER);
  }

  @Test
  void orderKeysTellOrdersApartAndAreNeverNoOrder() {
    assertThat(key("536365")).isEqualTo(key("536365")).isNotEqualTo(key("536366"));
    assertThat(key("")).isNotEqualTo(PurchaseRows.NO_ORDER);
  }

  private static long key(String orderId) {
    return PurchaseRows.orderKey(orderId.getBytes(StandardCharsets.UTF_8));
  }
}
