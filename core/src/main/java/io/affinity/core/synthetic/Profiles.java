package io.affinity.core.synthetic;

import io.affinity.core.customer.CustomerInput;
import io.affinity.core.household.HouseholdInput;
import java.time.Instant;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Who the customers and households are: names, addresses, e-mail, consent, channel, country. Each
 * is computed from its own index alone, so customers can be streamed in any number.
 */
final class Profiles {
  private static final double CONSENT = 0.85;
  private static final String[] CHANNELS = {"email", "sms", "push", "post", "none"};
  private static final double[] CHANNEL_WEIGHTS = {0.70, 0.10, 0.10, 0.05, 0.05};

  private final ShopSpec spec;
  private final HouseholdLayout layout;

  Profiles(ShopSpec spec, HouseholdLayout layout) {
    this.spec = spec;
    this.layout = layout;
  }

  /** Where a household, or a customer living alone, lives. */
  private record Home(String surname, String address, String postcode, String country) {
    static Home draw(SplittableRandom rng) {
      return new Home(
          Names.pick(Names.SURNAMES, rng),
          Names.address(rng),
          Names.postcode(rng),
          Names.country(rng));
    }
  }

  String householdId(int household) {
    return spec.idPrefix() + "h" + household;
  }

  String customerId(int customer) {
    return spec.idPrefix() + "c" + customer;
  }

  HouseholdInput household(int household) {
    Home home = home(household);
    return new HouseholdInput(
        householdId(household),
        "The " + home.surname() + " household",
        home.address(),
        home.postcode(),
        home.country(),
        null);
  }

  CustomerInput customer(int customer) {
    SplittableRandom rng = Seeds.rng(spec.seed(), Seeds.PROFILE, customer);
    int household = layout.householdOf(customer);
    String first = Names.pick(Names.FIRST_NAMES, rng);
    // Drawn even when unused, so that living alone or not does not shift the draws after it.
    Home own = Home.draw(rng);
    Home home = household >= 0 ? home(household) : own;
    boolean consent = rng.nextDouble() < CONSENT;
    // Consent was given or refused at sign-up, up to two years before the history starts.
    Instant signup = spec.start().minusSeconds(rng.nextLong(2 * 365 * 86_400L));
    String email =
        (first + "." + home.surname() + "." + customer + "@example.com")
            .toLowerCase(Locale.ROOT)
            .replace(' ', '-');
    return new CustomerInput(
        customerId(customer),
        email,
        first + " " + home.surname(),
        household >= 0 ? householdId(household) : null,
        consent,
        "signup",
        signup,
        channel(rng),
        home.address(),
        home.postcode(),
        home.country(),
        null);
  }

  private Home home(int household) {
    return Home.draw(Seeds.rng(spec.seed(), Seeds.HOUSEHOLD, household));
  }

  private static String channel(SplittableRandom rng) {
    double u = rng.nextDouble();
    for (int i = 0; i < CHANNELS.length; i++) {
      u -= CHANNEL_WEIGHTS[i];
      if (u < 0) {
        return CHANNELS[i];
      }
    }
    return CHANNELS[0];
  }
}
