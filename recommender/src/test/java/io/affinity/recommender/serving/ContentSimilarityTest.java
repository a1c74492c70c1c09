package io.affinity.recommender.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.affinity.recommender.index.LiveItem;
import org.junit.jupiter.api.Test;

/** Likeness by content: category first, then brand, price tier and attributes. */
class ContentSimilarityTest {
  private final ContentSimilarity similarity = new ContentSimilarity(null);

  private static LiveItem item(String category, String brand, Double price) {
    return new LiveItem("x", 1, "X", category, brand, price, null, true, null, null, null);
  }

  @Test
  void theSameCategoryBrandAndPriceIsAlikeAsCanBeWithoutAttributes() {
    LiveItem a = item("Home/Kitchen/Mugs", "Acme", 10.0);
    assertThat(similarity.of(a, item("Home/Kitchen/Mugs", "Acme", 10.0)))
        .isCloseTo(0.85, within(1e-9));
  }

  @Test
  void theSameCategoryAloneIsJustEnoughAndASiblingCategoryIsNot() {
    LiveItem a = item("Home/Kitchen/Mugs", null, null);
    assertThat(similarity.of(a, item("Home/Kitchen/Mugs", "Other", null)))
        .isGreaterThanOrEqualTo(ContentSimilarity.MIN);
    assertThat(similarity.of(a, item("Home/Kitchen/Plates", null, null)))
        .isLessThan(ContentSimilarity.MIN);
  }

  @Test
  void priceLikenessFallsToNothingAtTwiceThePrice() {
    LiveItem a = item(null, null, 10.0);
    assertThat(similarity.of(a, item(null, null, 10.0))).isCloseTo(0.15, within(1e-9));
    assertThat(similarity.of(a, item(null, null, 20.0))).isCloseTo(0.0, within(1e-9));
    assertThat(similarity.of(a, item(null, null, 5.0))).isCloseTo(0.0, within(1e-9));
  }

  @Test
  void theBasisNamesWhatIsShared() {
    LiveItem a = item("Garden/Tools", "Acme", 10.0);
    assertThat(ContentSimilarity.basis(a, item("Garden/Tools", "Acme", 99.0)))
        .isEqualTo(" (same category, brand)");
    assertThat(ContentSimilarity.basis(a, item("Garden", "Other", 10.0))).isEmpty();
  }
}
