package io.affinity.campaigns.segments;

import io.affinity.core.error.InvalidInputException;
import io.affinity.recommender.index.Categories;
import io.micronaut.transaction.TransactionOperations;
import it.unimi.dsi.fastutil.longs.LongList;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns a rule tree into a SQL condition with bound parameters ({@link CompiledRule}), resolving
 * what the rules name against the data: product ids, category paths and, for predicted affinity,
 * the customers the recommender scores highest.
 *
 * <p>Every condition it writes is two-valued (true or false, never NULL), so that {@code not} means
 * "everyone else": a comparison on a missing value is false.
 */
@Singleton
public class RuleCompiler {
  static final long DAY_MS = 86_400_000L;

  private final TransactionOperations<Connection> tx;
  private final LikelyBuyers likelyBuyers;

  public RuleCompiler(TransactionOperations<Connection> tx, LikelyBuyers likelyBuyers) {
    this.tx = tx;
    this.likelyBuyers = likelyBuyers;
  }

  /**
   * The condition of {@code rule}, with behaviour windows counted back from {@code now} (epoch
   * millis).
   *
   * @throws InvalidInputException naming the rule, if it names a product or category we do not know
   */
  public CompiledRule compile(Rule rule, long now) {
    List<Object> params = new ArrayList<>();
    String where = write(rule, now, params);
    return new CompiledRule(where, List.copyOf(params));
  }

  private String write(Rule rule, long now, List<Object> params) {
    if (rule instanceof Rule.Group g) {
      List<String> parts = new ArrayList<>();
      for (Rule child : g.children()) {
        parts.add(write(child, now, params));
      }
      return "(" + String.join(g.all() ? " AND " : " OR ", parts) + ")";
    }
    if (rule instanceof Rule.Not n) {
      return "(NOT " + write(n.child(), now, params) + ")";
    }
    if (rule instanceof Rule.Condition c) {
      if (c.field() == ProfileField.TOPIC_CONSENT) {
        params.add(c.values().get(0));
        return c.op() == Operator.EQ
            ? ProfileField.TOPIC_CONSENT_SQL
            : "(NOT " + ProfileField.TOPIC_CONSENT_SQL + ")";
      }
      return c.field() == ProfileField.RECENCY_DAYS
          ? recency(c, now, params)
          : condition(c, params);
    }
    if (rule instanceof Rule.Bought b) {
      return bought(b, now, params);
    }
    if (rule instanceof Rule.Engaged e) {
      params.add(e.event());
      params.add(now - e.withinDays() * DAY_MS);
      return "c.id IN (SELECT f.customer_id FROM segment_facts f WHERE f.kind = ?"
          + " AND f.fact_key = '' AND f.last_at >= ?)";
    }
    return likely((Rule.LikelyBuyers) rule, params);
  }

  private static String condition(Rule.Condition c, List<Object> params) {
    ProfileField f = c.field();
    if (f.type() == FieldType.BOOLEAN) {
      boolean wanted = (Boolean) c.values().get(0) == (c.op() == Operator.EQ);
      return wanted ? "(" + f.sql() + ")" : "(NOT (" + f.sql() + "))";
    }
    params.addAll(c.values());
    String e = f.sql();
    String test =
        switch (c.op()) {
          case EQ -> e + " = ?";
          case NE -> e + " <> ?";
          case LT -> e + " < ?";
          case LE -> e + " <= ?";
          case GT -> e + " > ?";
          case GE -> e + " >= ?";
          case BETWEEN -> e + " BETWEEN ? AND ?";
          case IN ->
              e + " IN (" + String.join(", ", Collections.nCopies(c.values().size(), "?")) + ")";
        };
    return f.nullable() ? "(" + e + " IS NOT NULL AND " + test + ")" : "(" + test + ")";
  }

  /**
   * Recency in whole days is floor((now - last purchase) / day); each comparison becomes a range on
   * {@code last_purchase_at} itself, so that its index can serve it.
   */
  private static String recency(Rule.Condition c, long now, List<Object> params) {
    List<Object> v = c.values();
    long x = (Long) v.get(0);
    String test =
        switch (c.op()) {
          case LE -> atMost(x, now, params);
          case LT -> atMost(x - 1, now, params);
          case GE -> atLeast(x, now, params);
          case GT -> atLeast(x + 1, now, params);
          case EQ -> atLeast(x, now, params) + " AND " + atMost(x, now, params);
          case NE -> "NOT (" + atLeast(x, now, params) + " AND " + atMost(x, now, params) + ")";
          case BETWEEN -> atLeast(x, now, params) + " AND " + atMost((Long) v.get(1), now, params);
          case IN -> {
            List<String> each = new ArrayList<>();
            for (Object days : v) {
              long d = (Long) days;
              each.add("(" + atLeast(d, now, params) + " AND " + atMost(d, now, params) + ")");
            }
            yield "(" + String.join(" OR ", each) + ")";
          }
        };
    return "(m.last_purchase_at IS NOT NULL AND " + test + ")";
  }

  /** recency >= days: the last purchase is at least that many whole days old. */
  private static String atLeast(long days, long now, List<Object> params) {
    params.add(now - days * DAY_MS);
    return "m.last_purchase_at <= ?";
  }

  /** recency <= days: less than days + 1 whole days old. */
  private static String atMost(long days, long now, List<Object> params) {
    params.add(now - (days + 1) * DAY_MS);
    return "m.last_purchase_at > ?";
  }

  private String bought(Rule.Bought b, long now, List<Object> params) {
    String window = "";
    if (b.product() != null) {
      params.add(productId(b.product(), b.path() + ".product"));
      if (b.withinDays() != null) {
        params.add(now - b.withinDays() * DAY_MS);
        window = " AND e.occurred_at >= ?";
      }
      return "c.id IN (SELECT e.customer_id FROM events e WHERE e.product_id = ?"
          + " AND e.type = 'purchase'"
          + window
          + ")";
    }
    params.add(category(b.category(), b.path() + ".category"));
    if (b.withinDays() != null) {
      params.add(now - b.withinDays() * DAY_MS);
      window = " AND f.last_at >= ?";
    }
    return "c.id IN (SELECT f.customer_id FROM segment_facts f WHERE f.kind = 'category'"
        + " AND f.fact_key = ?"
        + window
        + ")";
  }

  private String likely(Rule.LikelyBuyers l, List<Object> params) {
    LongList ids =
        l.product() != null
            ? likelyBuyers.forProduct(
                l.product(), productId(l.product(), l.path() + ".product"), l.top())
            : likelyBuyers.forCategory(category(l.category(), l.path() + ".category"), l.top());
    if (ids.isEmpty()) {
      return "(1 = 0)";
    }
    for (long id : ids) {
      params.add(id);
    }
    return "c.id IN (" + String.join(", ", Collections.nCopies(ids.size(), "?")) + ")";
  }

  /** The internal id of product {@code externalId}. */
  long productId(String externalId, String path) {
    return tx.executeRead(
        status -> {
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement("SELECT id FROM products WHERE external_id = ?")) {
            ps.setString(1, externalId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new InvalidInputException(path, "no product with id '" + externalId + "'");
              }
              return rs.getLong(1);
            }
          }
        });
  }

  /** The category path in its normal form ({@code Home/Kitchen}), if some product has it. */
  String category(String path, String at) {
    List<String> prefixes = Categories.prefixes(path);
    if (prefixes.isEmpty()) {
      throw new InvalidInputException(at, "must be a category path such as Home/Kitchen");
    }
    String normal = prefixes.get(prefixes.size() - 1);
    boolean known =
        tx.executeRead(
            status -> {
              try (PreparedStatement ps =
                  status
                      .getConnection()
                      .prepareStatement(
                          "SELECT 1 FROM products WHERE category_path = ?"
                              + " OR category_path LIKE ? ESCAPE '!' LIMIT 1")) {
                ps.setString(1, normal);
                ps.setString(2, likeEscape(normal) + "/%");
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next();
                }
              }
            });
    if (!known) {
      throw new InvalidInputException(at, "no product is in category '" + path + "'");
    }
    return normal;
  }

  /** {@code s} as a literal LIKE pattern with {@code !} as the escape character. */
  static String likeEscape(String s) {
    return s.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }
}
