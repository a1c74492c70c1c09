package io.affinity.core.synthetic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.core.event.EventInput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The planted structure can be found in the generated events by simple statistics, as a recommender
 * would find it.
 */
class PlantedStructureTest {
  // 600 products: 100 categories of two lines each, 10 complementary pairs, 8 clusters.
  private static final ShopSpec SPEC = ShopSpec.of(2_000, 600, 200_000, 42);
  private static SyntheticShop shop;
  private static PlantedStructure planted;
  private static final List<EventInput> events = new ArrayList<>();

  @BeforeAll
  static void generate() {
    shop = SyntheticShop.generate(SPEC);
    planted = shop.planted();
    shop.events().forEachRemaining(events::add);
  }

  private static String category(EventInput e) {
    return planted.product(e.productId()).categoryPath();
  }

  @Test
  void theSpecIsAsExpected() {
    assertThat(planted.complementaryPairs()).hasSize(10);
    assertThat(planted.clusters()).isEqualTo(8);
    assertThat(planted.favouredCategories(0)).hasSize(3);
    assertThat(planted.consumableCycles()).isNotEmpty();
    // Pairs are disjoint.
    Set<String> inPairs = new HashSet<>();
    planted.complementaryPairs().forEach(p -> assertThat(inPairs.add(p.from())).isTrue());
    planted.complementaryPairs().forEach(p -> assertThat(inPairs.add(p.to())).isTrue());
    CategoryPair first = planted.complementaryPairs().get(0);
    assertThat(planted.complementOf(first.from())).contains(first.to());
    assertThat(planted.complementOf(first.to())).isEmpty();
  }

  @Test
  void plantedComplementaryPairsAreBoughtTogetherManyTimesMoreThanOtherPairs() {
    Map<String, Set<String>> orders = new HashMap<>();
    for (EventInput e : events) {
      if (e.type().equals("purchase")) {
        orders.computeIfAbsent(e.orderId(), k -> new HashSet<>()).add(category(e));
      }
    }
    Map<String, Integer> together = new HashMap<>();
    for (Set<String> categories : orders.values()) {
      List<String> sorted = new ArrayList<>(categories);
      Collections.sort(sorted);
      for (int i = 0; i < sorted.size(); i++) {
        for (int j = i + 1; j < sorted.size(); j++) {
          together.merge(sorted.get(i) + "|" + sorted.get(j), 1, Integer::sum);
        }
      }
    }
    Set<String> plantedKeys = new HashSet<>();
    for (CategoryPair p : planted.complementaryPairs()) {
      plantedKeys.add(key(p.from(), p.to()));
    }
    double plantedRate =
        plantedKeys.stream().mapToInt(k -> together.getOrDefault(k, 0)).average().orElseThrow()
            / orders.size();
    int categories = SPEC.categories();
    long otherPairs = (long) categories * (categories - 1) / 2 - plantedKeys.size();
    long otherTogether =
        together.entrySet().stream()
            .filter(e -> !plantedKeys.contains(e.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    double otherRate = (double) otherTogether / otherPairs / orders.size();
    System.out.printf(
        "co-purchase rate: planted %.5f, other %.7f, ratio %.0f%n",
        plantedRate, otherRate, plantedRate / otherRate);

    assertThat(plantedRate).isGreaterThan(20 * otherRate);
    // Each planted pair on its own stands out too.
    for (String k : plantedKeys) {
      assertThat(together.getOrDefault(k, 0) / (double) orders.size())
          .as("pair %s", k)
          .isGreaterThan(5 * otherRate);
    }
  }

  @Test
  void customersBuyMostlyInTheCategoriesTheirClusterFavours() {
    Map<String, int[]> counts = new HashMap<>(); // customer -> own cluster hits, other, total
    for (EventInput e : events) {
      if (!e.type().equals("purchase")) {
        continue;
      }
      int cluster = planted.clusterOf(e.customerId());
      int other = (cluster + 1) % planted.clusters();
      int[] c = counts.computeIfAbsent(e.customerId(), k -> new int[3]);
      c[0] += planted.favouredCategories(cluster).contains(category(e)) ? 1 : 0;
      c[1] += planted.favouredCategories(other).contains(category(e)) ? 1 : 0;
      c[2]++;
    }
    long own = counts.values().stream().mapToLong(c -> c[0]).sum();
    long other = counts.values().stream().mapToLong(c -> c[1]).sum();
    long total = counts.values().stream().mapToLong(c -> c[2]).sum();
    System.out.printf(
        "share of purchases in favoured categories: own cluster %.3f, another %.3f%n",
        own / (double) total, other / (double) total);

    assertThat(own / (double) total).isGreaterThan(0.5);
    assertThat(other / (double) total).isLessThan(0.15);
  }

  @Test
  void whoViewsAStandardItemAlsoViewsThePremiumItemOfTheSameLineInTheSameSession() {
    // customer -> product -> times viewed; each customer's events come oldest first.
    Map<String, Map<String, List<Long>>> views = new HashMap<>();
    Map<String, Set<String>> bought = new HashMap<>();
    for (EventInput e : events) {
      if (e.type().equals("view")) {
        views
            .computeIfAbsent(e.customerId(), k -> new HashMap<>())
            .computeIfAbsent(e.productId(), k -> new ArrayList<>())
            .add(e.time().toEpochMilli());
      } else if (e.type().equals("purchase")) {
        bought.computeIfAbsent(e.customerId(), k -> new HashSet<>()).add(e.productId());
      }
    }
    long standardViews = 0;
    long samePremium = 0;
    long otherPremium = 0;
    long sameBudget = 0;
    for (Map<String, List<Long>> byProduct : views.values()) {
      for (var entry : byProduct.entrySet()) {
        SyntheticProduct p = planted.product(entry.getKey());
        // Another line of the same category: the one dealt just after it.
        var other = planted.inLine(p.line() + SPEC.categories(), Tier.PREMIUM);
        if (p.tier() != Tier.STANDARD || other.isEmpty()) {
          continue;
        }
        String premium = planted.inLine(p.line(), Tier.PREMIUM).orElseThrow().id();
        String budget = planted.inLine(p.line(), Tier.BUDGET).orElseThrow().id();
        for (long t : entry.getValue()) {
          standardViews++;
          samePremium += viewedNear(byProduct.get(premium), t) ? 1 : 0;
          otherPremium += viewedNear(byProduct.get(other.get().id()), t) ? 1 : 0;
          sameBudget += viewedNear(byProduct.get(budget), t) ? 1 : 0;
        }
      }
    }
    double same = samePremium / (double) standardViews;
    double otherLine = otherPremium / (double) standardViews;
    double budget = sameBudget / (double) standardViews;
    System.out.printf(
        "within an hour of viewing a standard item: premium of its line %.3f, premium of another"
            + " line %.3f, budget of its line %.3f%n",
        same, otherLine, budget);

    assertThat(same).isGreaterThan(0.6);
    assertThat(same).isGreaterThan(4 * otherLine);
    assertThat(same).isGreaterThan(4 * budget);

    // Upsell works: most premium purchases are by customers who viewed the line's standard item.
    long premiumBought = 0;
    long afterStandardView = 0;
    for (var entry : bought.entrySet()) {
      Map<String, List<Long>> seen = views.getOrDefault(entry.getKey(), Map.of());
      for (String id : entry.getValue()) {
        SyntheticProduct p = planted.product(id);
        if (p.tier() == Tier.PREMIUM) {
          premiumBought++;
          String standard = planted.inLine(p.line(), Tier.STANDARD).orElseThrow().id();
          afterStandardView += seen.containsKey(standard) ? 1 : 0;
        }
      }
    }
    double upsell = afterStandardView / (double) premiumBought;
    System.out.printf("premium items bought by customers who viewed the standard: %.3f%n", upsell);
    assertThat(upsell).isGreaterThan(0.55);
  }

  private static boolean viewedNear(List<Long> times, long t) {
    if (times == null) {
      return false;
    }
    for (long u : times) {
      if (Math.abs(u - t) <= 3_600_000L) {
        return true;
      }
    }
    return false;
  }

  @Test
  void consumablesAreBoughtAgainAboutEveryCycleAndOtherRepeatsAreIrregular() {
    Map<String, Integer> cycles = planted.consumableCycles();
    Map<String, List<Long>> times = new HashMap<>(); // customer|product -> purchase times
    for (EventInput e : events) {
      if (e.type().equals("purchase")) {
        times
            .computeIfAbsent(e.customerId() + "|" + e.productId(), k -> new ArrayList<>())
            .add(e.time().toEpochMilli());
      }
    }
    List<Double> ratios = new ArrayList<>();
    List<Double> consumableSpread = new ArrayList<>();
    List<Double> otherSpread = new ArrayList<>();
    for (var entry : times.entrySet()) {
      List<Long> t = entry.getValue();
      if (t.size() < 4) {
        continue;
      }
      List<Double> gaps = new ArrayList<>();
      for (int i = 1; i < t.size(); i++) {
        gaps.add((t.get(i) - t.get(i - 1)) / 86_400_000.0);
      }
      Integer cycle = cycles.get(entry.getKey().substring(entry.getKey().indexOf('|') + 1));
      if (cycle != null) {
        List<Double> sorted = new ArrayList<>(gaps);
        Collections.sort(sorted);
        ratios.add(sorted.get(sorted.size() / 2) / cycle);
        consumableSpread.add(variation(gaps));
      } else {
        otherSpread.add(variation(gaps));
      }
    }
    Collections.sort(ratios);
    Collections.sort(consumableSpread);
    Collections.sort(otherSpread);
    double median = ratios.get(ratios.size() / 2);
    long near = ratios.stream().filter(r -> r > 0.85 && r < 1.15).count();
    double consumableCv = consumableSpread.get(consumableSpread.size() / 2);
    double otherCv = otherSpread.get(otherSpread.size() / 2);
    System.out.printf(
        "consumables: %d series, median gap / cycle %.3f, %.3f within 15%%; median coefficient of"
            + " variation of gaps %.2f, of other repeated products %.2f%n",
        ratios.size(), median, near / (double) ratios.size(), consumableCv, otherCv);

    assertThat(ratios.size()).isGreaterThan(100);
    assertThat(median).isBetween(0.95, 1.05);
    assertThat(near / (double) ratios.size()).isGreaterThan(0.75);
    // Consumables come back like clockwork; other products bought repeatedly at random times.
    assertThat(consumableCv).isLessThan(0.3);
    assertThat(otherCv).isGreaterThan(3 * consumableCv);
  }

  /** Standard deviation over mean. */
  private static double variation(List<Double> values) {
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    double variance =
        values.stream().mapToDouble(v -> (v - mean) * (v - mean)).average().orElseThrow();
    return Math.sqrt(variance) / mean;
  }

  @Test
  void unknownIdsAreBadArguments() {
    assertThatThrownBy(() -> planted.clusterOf("syn-42-c2000"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("syn-42-c2000");
    assertThatThrownBy(() -> planted.product("nope"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nope");
    assertThatThrownBy(() -> planted.favouredCategories(8))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("8");
  }

  private static String key(String a, String b) {
    return a.compareTo(b) < 0 ? a + "|" + b : b + "|" + a;
  }
}
