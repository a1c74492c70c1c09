package io.affinity.campaigns.compose;

import io.affinity.campaigns.tracking.TrackingLinks;
import io.affinity.core.customer.Customer;
import io.affinity.core.household.HouseholdView;
import io.affinity.core.product.Product;
import io.affinity.recommender.offers.Offer;
import io.affinity.recommender.serving.Recommendation;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The data model a template sees: plain maps, lists, strings, numbers and booleans (the sandbox's
 * object wrapper refuses anything else), and the {@code fmt} helpers. Absent values are left out,
 * so that templates write {@code customer.firstName!"there"}. See {@code docs/templates.md}.
 */
final class MessageModel {
  private MessageModel() {}

  /** Where a message goes: a real campaign recipient, or a preview (campaign and recipient 0). */
  record Target(long campaignId, long recipientId, String arm) {
    boolean preview() {
      return campaignId == 0;
    }
  }

  static Map<String, Object> build(
      RecipientData data, Target target, TrackingLinks links, Map<String, Object> fmt) {
    Map<String, Object> model = new HashMap<>();
    model.put("customer", customer(data.customer()));
    if (data.householdId() != null) {
      Map<String, Object> household = new HashMap<>();
      household.put("id", data.householdId());
      putIfPresent(household, "name", data.householdName());
      List<Map<String, Object>> members = new ArrayList<>();
      for (HouseholdView.Member m : data.members()) {
        Map<String, Object> member = new HashMap<>();
        member.put("id", m.id());
        putIfPresent(member, "name", m.name());
        putIfPresent(member, "firstName", firstName(m.name()));
        members.add(member);
      }
      household.put("members", members);
      model.put("household", household);
    }
    model.put("recommendations", items(data.recommendations(), "rec", target, links));
    model.put(
        "householdRecommendations", items(data.householdRecommendations(), "hh", target, links));
    model.put(
        "offers",
        Map.of(
            "crossSell", offers(data.offers().crossSell(), "cross", target, links),
            "upsell", offers(data.offers().upsell(), "up", target, links)));
    if (data.triggerItem() != null) {
      model.put("triggerItem", triggerItem(data.triggerItem(), target, links));
    }
    model.put(
        "links",
        Map.of(
            "openPixel", links.open(target.campaignId(), target.recipientId()),
            "unsubscribe", links.unsubscribe(target.campaignId(), target.recipientId()),
            "preferences", links.preferences(target.campaignId(), target.recipientId()),
            "shop", links.shop()));
    model.put(
        "campaign",
        Map.of(
            "id", target.campaignId(),
            "arm", target.arm() == null ? "" : target.arm(),
            "preview", target.preview()));
    model.put("fmt", fmt);
    model.put("now", System.currentTimeMillis());
    return model;
  }

  private static Map<String, Object> customer(Customer c) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", c.externalId());
    putIfPresent(m, "name", c.name());
    putIfPresent(m, "firstName", firstName(c.name()));
    putIfPresent(m, "email", c.email());
    putIfPresent(m, "country", c.country());
    return m;
  }

  /** The product whose purchase fired a trigger, with a tracked link in slot {@code trigger}. */
  private static Map<String, Object> triggerItem(Product p, Target target, TrackingLinks links) {
    Map<String, Object> m = new HashMap<>();
    m.put("id", p.externalId());
    putIfPresent(m, "name", p.name());
    putIfPresent(m, "category", p.categoryPath());
    if (p.price() != null) {
      m.put("price", p.price().setScale(2, RoundingMode.HALF_UP));
    }
    m.put("url", links.click(target.campaignId(), target.recipientId(), p.externalId(), "trigger"));
    return m;
  }

  private static List<Map<String, Object>> items(
      List<Recommendation> items, String slotPrefix, Target target, TrackingLinks links) {
    List<Map<String, Object>> out = new ArrayList<>(items.size());
    int position = 0;
    for (Recommendation r : items) {
      String slot = slotPrefix + (++position);
      Map<String, Object> m = new HashMap<>();
      m.put("id", r.itemId());
      putIfPresent(m, "name", r.name());
      putIfPresent(m, "category", r.categoryPath());
      if (r.price() != null) {
        m.put("price", money(r.price()));
      }
      m.put("inStock", r.inStock());
      m.put("reason", r.reason().text());
      m.put("slot", slot);
      m.put("url", links.click(target.campaignId(), target.recipientId(), r.itemId(), slot));
      out.add(m);
    }
    return out;
  }

  private static List<Map<String, Object>> offers(
      List<Offer> offers, String slotPrefix, Target target, TrackingLinks links) {
    List<Map<String, Object>> out = new ArrayList<>(offers.size());
    int position = 0;
    for (Offer o : offers) {
      String slot = slotPrefix + (++position);
      Map<String, Object> m = new HashMap<>();
      m.put("id", o.itemId());
      m.put("type", o.type());
      putIfPresent(m, "name", o.name());
      putIfPresent(m, "category", o.categoryPath());
      if (o.price() != null) {
        BigDecimal price = money(o.price());
        m.put("price", price);
        m.put("salePrice", price);
        if (o.discountPercent() != null && o.discountPercent() > 0) {
          m.put("discountPercent", o.discountPercent());
          BigDecimal factor =
              BigDecimal.ONE.subtract(BigDecimal.valueOf(o.discountPercent()).movePointLeft(2));
          m.put("salePrice", price.multiply(factor).setScale(2, RoundingMode.HALF_UP));
        }
      }
      m.put("reason", o.reason().text());
      m.put("slot", slot);
      m.put("url", links.click(target.campaignId(), target.recipientId(), o.itemId(), slot));
      out.add(m);
    }
    return out;
  }

  private static BigDecimal money(double value) {
    return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP);
  }

  private static String firstName(String name) {
    if (name == null || name.isBlank()) {
      return null;
    }
    String trimmed = name.strip();
    int space = trimmed.indexOf(' ');
    return space < 0 ? trimmed : trimmed.substring(0, space);
  }

  private static void putIfPresent(Map<String, Object> m, String key, Object value) {
    if (value != null) {
      m.put(key, value);
    }
  }
}
