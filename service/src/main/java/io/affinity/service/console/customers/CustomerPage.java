package io.affinity.service.console.customers;

import io.affinity.core.consent.ConsentEntry;
import io.affinity.core.customer.CustomerView;
import io.affinity.core.event.EventView;
import io.affinity.core.household.HouseholdView;
import io.affinity.core.value.CustomerValue;
import io.affinity.recommender.serving.Recommendation;
import io.affinity.recommender.serving.RecommendationList;
import io.affinity.service.console.Formats;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Turns a single customer view and their recommendations into the text the page shows. */
final class CustomerPage {
  private CustomerPage() {}

  static Map<String, Object> of(
      CustomerView c, @Nullable RecommendationList recommendations, @Nullable String noRecs) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("name", Formats.text(c.name()));
    m.put("email", Formats.text(c.email()));
    m.put("channel", Formats.text(c.preferredChannel()));
    m.put(
        "address",
        Formats.text(
            String.join(
                    ", ",
                    List.of(
                        c.address() == null ? "" : c.address(),
                        c.postcode() == null ? "" : c.postcode(),
                        c.country() == null ? "" : c.country()))
                .replaceAll("^(, )+|(, )+$", "")
                .replaceAll("(, ){2,}", ", ")));
    m.put("since", Formats.date(c.createdAt()));
    m.put("orders", Formats.count(c.purchases().orderCount()));
    m.put("revenue", Formats.money(c.purchases().revenue()));
    m.put("firstPurchase", Formats.date(c.purchases().firstPurchaseAt()));
    m.put("lastPurchase", Formats.date(c.purchases().lastPurchaseAt()));
    m.put("household", household(c.household(), c.id()));
    m.put("value", value(c.value()));
    m.put("consent", consent(c.consent()));
    m.put("events", events(c.recentEvents()));
    m.put("recommendations", recommendations(recommendations));
    m.put("noRecommendations", noRecs == null ? "" : noRecs);
    return m;
  }

  private static @Nullable Map<String, Object> household(@Nullable HouseholdView h, String self) {
    if (h == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", h.id());
    m.put("name", Formats.text(h.name()));
    List<Map<String, String>> members = new ArrayList<>();
    for (HouseholdView.Member member : h.members()) {
      if (!member.id().equals(self)) {
        members.add(
            Map.of(
                "id", member.id(),
                "name", Formats.text(member.name()),
                "email", Formats.text(member.email())));
      }
    }
    m.put("members", members);
    return m;
  }

  private static @Nullable Map<String, Object> value(@Nullable CustomerValue v) {
    if (v == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("segment", Formats.text(v.rfmSegment()));
    m.put("rfm", v.rScore() == null ? "-" : v.rScore() + "-" + v.fScore() + "-" + v.mScore());
    m.put("recency", v.recencyDays() == null ? "-" : v.recencyDays() + " days");
    m.put("frequency", Formats.count(v.frequency()));
    m.put("monetary", Formats.money(v.monetary()));
    m.put("aov", Formats.money(v.avgOrderValue()));
    m.put("historicClv", Formats.money(v.historicClv()));
    m.put("predictedClv", Formats.money(v.predictedClv12m()));
    m.put("churn", Formats.percent(v.churnProbability()));
    m.put("categories", v.topCategories().isEmpty() ? "-" : String.join(", ", v.topCategories()));
    return m;
  }

  private static Map<String, Object> consent(CustomerView.Consent c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("email", c.email() ? "yes" : "no");
    m.put("state", c.state());
    m.put("since", Formats.time(c.at()));
    m.put("source", Formats.text(c.source()));
    m.put("topicsLeft", c.topicsLeft().isEmpty() ? "-" : String.join(", ", c.topicsLeft()));
    m.put("frequency", Formats.text(c.frequency()));
    m.put("suppressed", Formats.text(c.suppressed()));
    List<Map<String, String>> history = new ArrayList<>();
    for (ConsentEntry e : c.history()) {
      history.add(
          Map.of(
              "at",
              Formats.time(e.statedAt()),
              "channel",
              e.channel() + (e.topic() == null ? "" : " / " + e.topic()),
              "granted",
              e.granted() ? "granted" : "withdrawn",
              "source",
              e.source()));
    }
    m.put("history", history);
    return m;
  }

  private static List<Map<String, String>> events(List<EventView> events) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (EventView e : events) {
      rows.add(
          Map.of(
              "time", Formats.time(e.time()),
              "type", e.type(),
              "product", e.productName() != null ? e.productName() : Formats.text(e.productId()),
              "quantity", e.quantity() == null ? "" : e.quantity().toString(),
              "price", e.unitPrice() == null ? "" : Formats.money(e.unitPrice())));
    }
    return rows;
  }

  private static List<Map<String, String>> recommendations(@Nullable RecommendationList list) {
    List<Map<String, String>> rows = new ArrayList<>();
    if (list == null) {
      return rows;
    }
    for (Recommendation r : list.items()) {
      rows.add(
          Map.of(
              "id", r.itemId(),
              "name", Formats.text(r.name()),
              "category", Formats.text(r.categoryPath()),
              "price", Formats.money(r.price()),
              "reason", r.reason().text()));
    }
    return rows;
  }
}
