package io.affinity.service.demo;

import io.affinity.campaigns.sensitive.SensitiveCategories;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.triggers.Trigger;
import io.affinity.campaigns.triggers.TriggerInput;
import io.affinity.campaigns.triggers.Triggers;
import io.affinity.core.event.EventInput;
import io.affinity.core.event.EventType;
import io.affinity.core.product.ProductInput;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShop;
import io.affinity.recommender.index.Categories;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * Makes the demo data live today: the synthetic shop and the Online Retail file are moved by whole
 * days so that their last day is yesterday (on the service clock), and a household trigger is set
 * up before the data arrives, so that buy-again, "bought in the last 90 days" segments, recency and
 * a firing trigger all show something in a fresh demo.
 */
@Singleton
public class DemoData {
  /**
   * How late a purchase may be evaluated and still fire a trigger, in the demo: two days, so that
   * every purchase of yesterday fires whatever the time of day (the default is 24 hours).
   */
  public static final String TRIGGER_MAX_LATENESS = "48h";

  /** The shipped template the demo's trigger sends. */
  public static final String TRIGGER_TEMPLATE = "household-picks";

  private final Clock clock;
  private final Triggers triggers;
  private final TemplateService templates;
  private final SensitiveCategories sensitive;

  public DemoData(
      Clock clock, Triggers triggers, TemplateService templates, SensitiveCategories sensitive) {
    this.clock = clock;
    this.triggers = triggers;
    this.templates = templates;
    this.sensitive = sensitive;
  }

  /** The configuration the demo runs with, beyond the embedded defaults. */
  public static Map<String, Object> properties() {
    return Map.of("affinity.triggers.max-lateness", TRIGGER_MAX_LATENESS);
  }

  /** Whole days from {@code lastDay} to yesterday (negative if it is later). */
  public long daysToYesterday(LocalDate lastDay) {
    return ChronoUnit.DAYS.between(lastDay, LocalDate.now(clock).minusDays(1));
  }

  /**
   * {@code spec} moved by whole days so that its last day (the day before its end) is yesterday.
   */
  public ShopSpec shifted(ShopSpec spec) {
    return spec.withHistory(spec.days(), spec.end().plus(shiftOf(spec)));
  }

  /** How far {@link #shifted(ShopSpec)} moves {@code spec}. */
  public Duration shiftOf(ShopSpec spec) {
    LocalDate lastDay = LocalDate.ofInstant(spec.end().minusMillis(1), ZoneOffset.UTC);
    return Duration.ofDays(daysToYesterday(lastDay));
  }

  /** How far to move events whose latest is at {@code last} so that it falls on yesterday. */
  public Duration shiftTo(Instant last) {
    return Duration.ofDays(daysToYesterday(LocalDate.ofInstant(last, ZoneOffset.UTC)));
  }

  /** The line the demo prints about a shift. */
  public static String describe(Duration shift, LocalDate lastDay) {
    return "Dates shifted by "
        + shift.toDays()
        + " days so that the data ends yesterday ("
        + lastDay
        + ").";
  }

  /**
   * A household trigger on the department bought most on the last day of {@code spec}'s shop (not a
   * sensitive one), sending the shipped household template; created before the shop is loaded, so
   * that the shop's last purchases fire it. Empty when the template is missing or nothing fits.
   */
  public Optional<Trigger> createTrigger(ShopSpec spec) {
    Optional<Long> template = templates.idOfKey(TRIGGER_TEMPLATE);
    Optional<String> department = busiestDepartment(spec);
    if (template.isEmpty() || department.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        triggers.create(
            new TriggerInput(
                "Household picks: " + department.get(),
                department.get(),
                null,
                0,
                template.get(),
                "shop@example.com",
                "The Demo Shop",
                null,
                false,
                null,
                null,
                null,
                null,
                BigDecimal.TEN,
                null,
                null)));
  }

  /** The top-level category with most purchases on the last day of {@code spec}'s shop. */
  private Optional<String> busiestDepartment(ShopSpec spec) {
    SyntheticShop shop = SyntheticShop.generate(spec);
    Map<String, String> departments = new HashMap<>();
    for (ProductInput p : shop.products()) {
      String top = Categories.top(p.categoryPath());
      if (top != null && !sensitive.isSensitive(p.categoryPath())) {
        departments.put(p.id(), top);
      }
    }
    Instant from = spec.end().minus(Duration.ofDays(1));
    Map<String, Integer> counts = new HashMap<>();
    for (Iterator<EventInput> it = shop.events(); it.hasNext(); ) {
      EventInput e = it.next();
      String department = departments.get(e.productId());
      if (EventType.PURCHASE.wireName().equals(e.type())
          && department != null
          && !e.time().isBefore(from)) {
        counts.merge(department, 1, Integer::sum);
      }
    }
    return counts.entrySet().stream()
        .max(
            Map.Entry.<String, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
        .map(Map.Entry::getKey);
  }
}
