package io.affinity.recommender.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DescriptionCategoriesTest {

  @Test
  void aDescriptionTakesTheFirstCategoryWithOneOfItsWords() {
    assertThat(DescriptionCategories.of("JUMBO BAG RED RETROSPOT")).isEqualTo("Bags");
    assertThat(DescriptionCategories.of("WHITE HANGING HEART T-LIGHT HOLDER"))
        .as("candles come before home decor")
        .isEqualTo("Candles and lights");
    assertThat(DescriptionCategories.of("CHRISTMAS CANDLE")).isEqualTo("Christmas");
    assertThat(DescriptionCategories.of("set/6 red spotty paper cups"))
        .isEqualTo("Kitchen and dining");
  }

  @Test
  void wholeWordsOnly() {
    assertThat(DescriptionCategories.of("DIAMANTE EARRINGS")).isEqualTo("Jewellery");
    assertThat(DescriptionCategories.of("BRING THE SPRING")).isEqualTo(DescriptionCategories.OTHER);
    assertThat(DescriptionCategories.of(null)).isEqualTo(DescriptionCategories.OTHER);
  }
}
