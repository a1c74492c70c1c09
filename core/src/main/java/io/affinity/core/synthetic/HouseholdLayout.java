package io.affinity.core.synthetic;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Which customers live together. Members of a shared household are consecutive customers; the
 * others live alone and have no household. Shared households have 2 to {@code maxHouseholdSize}
 * members, evenly, and hold about {@code householdShare} of the customers.
 *
 * <p>Held as int arrays (at most 6 bytes a customer), so that any customer's household can be asked
 * for at once, also in a shop of millions.
 */
final class HouseholdLayout {
  private final int[] householdOf; // customer -> household, or -1
  private final int[] firstMember; // household -> its first customer

  HouseholdLayout(ShopSpec spec) {
    SplittableRandom rng = Seeds.rng(spec.seed(), Seeds.LAYOUT, 0);
    int n = spec.customers();
    int maxSize = spec.maxHouseholdSize();
    // Each step starts a shared household (probability q, mean size m) or places one single; the
    // share of customers in shared households is then m q / (m q + 1 - q). Solved for q:
    double m = (2 + maxSize) / 2.0;
    double f = spec.householdShare();
    double q = f / (m - f * (m - 1));
    householdOf = new int[n];
    int[] starts = new int[n / 2 + 1];
    int households = 0;
    int i = 0;
    while (i < n) {
      if (n - i >= 2 && rng.nextDouble() < q) {
        int size = Math.min(n - i, 2 + rng.nextInt(maxSize - 1));
        starts[households] = i;
        Arrays.fill(householdOf, i, i + size, households);
        households++;
        i += size;
      } else {
        householdOf[i++] = -1;
      }
    }
    firstMember = Arrays.copyOf(starts, households);
  }

  int households() {
    return firstMember.length;
  }

  /** The household of {@code customer}, or -1 if they live alone. */
  int householdOf(int customer) {
    return householdOf[customer];
  }

  /** The first member of {@code household}. */
  int firstMember(int household) {
    return firstMember[household];
  }

  /** How many members {@code household} has. */
  int size(int household) {
    int end = firstMember[household];
    while (end < householdOf.length && householdOf[end] == household) {
      end++;
    }
    return end - firstMember[household];
  }
}
