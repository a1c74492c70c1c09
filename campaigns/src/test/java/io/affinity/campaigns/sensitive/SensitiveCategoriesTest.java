package io.affinity.campaigns.sensitive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which category paths the default and a configured list call sensitive. */
class SensitiveCategoriesTest {
  @Test
  void anEntryMatchesItselfWhatIsBelowItAndAOneWordEntryAtAnyLevel() {
    SensitiveCategories s = new SensitiveCategories();
    assertThat(s.isSensitive("Baby")).isTrue();
    assertThat(s.isSensitive("baby/Nappies")).isTrue();
    assertThat(s.isSensitive("Beauty/Health/Vitamins")).isTrue();
    assertThat(s.isSensitive("Home/Kitchen")).isFalse();
    assertThat(s.isSensitive("Babyccino/Cups")).isFalse();
    assertThat(s.isSensitive(null)).isFalse();

    s.setSensitiveCategories(List.of("Home/Bath"));
    assertThat(s.isSensitive("Home/Bath/Towels")).isTrue();
    assertThat(s.isSensitive("Garden/Home/Bath")).isFalse();
    assertThat(s.isSensitive("Baby/Nappies")).isFalse();

    s.setSensitiveCategories(List.of());
    assertThat(s.isSensitive("Adult")).isFalse();
  }

  @Test
  void aBlankEntryIsRefused() {
    SensitiveCategories s = new SensitiveCategories();
    assertThatThrownBy(() -> s.setSensitiveCategories(Arrays.asList("Health", " / ")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("sensitive-categories");
    assertThat(s.isSensitive("Health")).isTrue();
  }
}
