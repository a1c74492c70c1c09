package io.affinity.recommender.serving;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.recommender.training.Signal;
import java.util.List;
import org.junit.jupiter.api.Test;

class HistoryTest {
  @Test
  void repeatedItemsAreCountedAndKeepTheirFirstPlace() {
    History h =
        new History()
            .addAll(Signal.PURCHASE, List.of("b", "a", "b", "c", "b", "a"))
            .add(Signal.VIEW, "a");

    assertThat(h.of(Signal.PURCHASE)).containsExactly("b", "a", "c");
    assertThat(h.count(Signal.PURCHASE, "b")).isEqualTo(3);
    assertThat(h.count(Signal.PURCHASE, "a")).isEqualTo(2);
    assertThat(h.count(Signal.PURCHASE, "c")).isEqualTo(1);
    assertThat(h.count(Signal.PURCHASE, "z")).isZero();
    assertThat(h.count(Signal.VIEW, "a")).isEqualTo(1);
    assertThat(h.count(Signal.CART, "a")).isZero();
    assertThat(h.of(Signal.CART)).isEmpty();
    assertThat(h.isEmpty()).isFalse();
    assertThat(new History().isEmpty()).isTrue();
  }

  @Test
  void theLimitStopsNewItemsButNotTheCountsOfHeldOnes() {
    History h = new History(2).addAll(Signal.PURCHASE, List.of("a", "b", "c", "a", "d", "b", "a"));

    assertThat(h.of(Signal.PURCHASE)).containsExactly("a", "b");
    assertThat(h.count(Signal.PURCHASE, "a")).isEqualTo(3);
    assertThat(h.count(Signal.PURCHASE, "b")).isEqualTo(2);
    assertThat(h.count(Signal.PURCHASE, "c")).isZero();
    assertThatThrownBy(() -> new History(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void itemsCannotBeChangedFromOutside() {
    History h = new History().add(Signal.PURCHASE, "a");
    assertThatThrownBy(() -> h.of(Signal.PURCHASE).add("b"))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> h.of(Signal.VIEW).add("b"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
