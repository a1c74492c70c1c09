package io.affinity.campaigns.compose;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.campaigns.sensitive.SensitiveCategories;
import io.affinity.recommender.offers.Offer;
import io.affinity.recommender.offers.OfferList;
import io.affinity.recommender.serving.Reason;
import io.affinity.recommender.serving.Recommendation;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The blocks of one message: no repeats, the diversity limit, what the household may see. */
class MessageBlocksTest {
  private final SensitiveCategories sensitive = new SensitiveCategories();

  @Test
  void aLaterBlockLeavesOutEarlierItemsAndTheCategoryLimitCountsTheWholeMessage() {
    MessageBlocks blocks = new MessageBlocks(2, sensitive::isSensitive, id -> false, null);
    OfferList offers =
        blocks.offers(
            new OfferList(
                1, List.of(offer("a", "Home/Kitchen")), List.of(offer("a", "Home/Kitchen"))),
            3);
    assertThat(offers.crossSell()).extracting(Offer::itemId).containsExactly("a");
    assertThat(offers.upsell()).isEmpty();
    List<Recommendation> recs =
        blocks.recommendations(
            List.of(
                rec("a", "Home/Kitchen", null),
                rec("b", "Home/Kitchen", null),
                rec("c", "Home/Kitchen", null),
                rec("d", "Garden/Tools", null),
                rec("e", "Garden/Tools", null)),
            3,
            false);
    assertThat(recs).extracting(Recommendation::itemId).containsExactly("b", "d", "e");
    assertThat(blocks.shown()).containsExactlyInAnyOrder("a", "b", "d", "e");
  }

  @Test
  void theHouseholdSeesNothingSensitiveAndNoReasonNamingThePurchase() {
    MessageBlocks blocks = new MessageBlocks(0, sensitive::isSensitive, "secret"::equals, "bought");
    List<Recommendation> recs =
        blocks.recommendations(
            List.of(
                rec("bought", "Home/Kitchen", null),
                rec("n", "Baby/Nappies", "bought"),
                rec("m", "Home/Kitchen", "secret"),
                rec("k", "Home/Kitchen", "bought")),
            5,
            false);
    assertThat(recs).extracting(Recommendation::itemId).containsExactly("k");
    assertThat(recs.get(0).reason().text()).isEqualTo(MessageBlocks.FOR_YOUR_HOME);
    assertThat(recs.get(0).reason().itemId()).isNull();

    // Outside a trigger, only the household block is guarded.
    MessageBlocks own = new MessageBlocks(0, sensitive::isSensitive, "secret"::equals, null);
    assertThat(own.recommendations(List.of(rec("n", "Baby/Nappies", null)), 5, false)).hasSize(1);
    assertThat(own.recommendations(List.of(rec("p", "Baby/Prams", null)), 5, true)).isEmpty();
    assertThat(own.shown()).isEqualTo(Set.of("n"));
  }

  private static Recommendation rec(String id, String category, String because) {
    return new Recommendation(
        id,
        id,
        category,
        1.0,
        true,
        null,
        null,
        1.0,
        new Reason("purchase", because, "bought with " + because));
  }

  private static Offer offer(String id, String category) {
    return new Offer(
        "cross_sell",
        id,
        id,
        category,
        1.0,
        null,
        null,
        null,
        1.0,
        1.0,
        null,
        new Reason("purchase", null, "x"));
  }
}
