package io.affinity.campaigns.segments;

import io.micronaut.transaction.TransactionOperations;
import it.unimi.dsi.fastutil.ints.Int2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongComparators;
import it.unimi.dsi.fastutil.longs.LongHeapPriorityQueue;
import it.unimi.dsi.fastutil.longs.LongList;
import jakarta.inject.Singleton;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * Counts segments in memory: each condition is one pass over a primitive column into a bitmap, and
 * groups are bitmap AND / OR / complement, which keeps a count over a million customers in
 * milliseconds where SQL needs a row lookup per candidate. The SQL of {@link RuleCompiler} stays
 * the reference (previews, snapshots) and the two give the same count (tested rule by rule).
 *
 * <p>Freshness: before every count the columns read the customers, metrics and behaviour facts
 * changed since the previous count (by {@code updated_at}, {@code computed_at} and {@code
 * changed_at}, from {@value #SLACK_MS} ms before the previous count started, so that a transaction
 * committing late is still seen), after the facts caught up with the events. Product rules, topic
 * consent and predicted affinity read the database at count time. A customer deleted from the
 * database stays counted until {@link #reset()} (erasure calls for one).
 */
@Singleton
public class InMemoryCounter {
  /** Rows stamped this long before the previous high-water mark are read again. */
  public static final long SLACK_MS = 60_000;

  private final TransactionOperations<Connection> tx;
  private final RuleCompiler compiler;
  private final LikelyBuyers likelyBuyers;
  private AudienceColumns columns = new AudienceColumns();

  public InMemoryCounter(
      TransactionOperations<Connection> tx, RuleCompiler compiler, LikelyBuyers likelyBuyers) {
    this.tx = tx;
    this.compiler = compiler;
    this.likelyBuyers = likelyBuyers;
  }

  /** Forgets the columns; the next count reads everything again. */
  public synchronized void reset() {
    columns = new AudienceColumns();
  }

  /**
   * How many customers {@code rule} selects with windows counted back from {@code asOf}; the caller
   * has brought the behaviour facts up to date.
   */
  public synchronized long count(Rule rule, long asOf) {
    return selected(rule, asOf).cardinality();
  }

  /**
   * What {@code rule} selects as of {@code asOf}: the count, the {@code sampleSize} lowest customer
   * ids in ascending order, and the count per RFM segment ({@link SegmentAudience#NO_RFM_SEGMENT}
   * for customers without one); the caller has brought the behaviour facts up to date.
   */
  public synchronized Selection select(Rule rule, long asOf, int sampleSize) {
    BitSet selected = selected(rule, asOf);
    AudienceColumns c = columns;
    int[] rfm = c.text.get(ProfileField.RFM_SEGMENT);
    long[] perCode = new long[c.dictionary.size() + 1];
    LongHeapPriorityQueue lowest =
        new LongHeapPriorityQueue(sampleSize + 1, LongComparators.OPPOSITE_COMPARATOR);
    for (int s = selected.nextSetBit(0); s >= 0; s = selected.nextSetBit(s + 1)) {
      perCode[rfm[s] + 1]++;
      if (lowest.size() < sampleSize || c.ids[s] < lowest.firstLong()) {
        lowest.enqueue(c.ids[s]);
        if (lowest.size() > sampleSize) {
          lowest.dequeueLong();
        }
      }
    }
    Map<String, Long> split = new TreeMap<>();
    if (perCode[0] > 0) {
      split.put(SegmentAudience.NO_RFM_SEGMENT, perCode[0]);
    }
    for (int code = 0; code < c.texts.size(); code++) {
      if (perCode[code + 1] > 0) {
        split.merge(c.texts.get(code), perCode[code + 1], Long::sum);
      }
    }
    long[] sample = new long[lowest.size()];
    for (int i = sample.length - 1; i >= 0; i--) {
      sample[i] = lowest.dequeueLong();
    }
    return new Selection(selected.cardinality(), sample, split);
  }

  /** What a rule selects: its size, the lowest customer ids, and the split by RFM segment. */
  public record Selection(long count, long[] sampleIds, Map<String, Long> byRfmSegment) {}

  /** The slots {@code rule} selects among the customers present, after a refresh. */
  private BitSet selected(Rule rule, long asOf) {
    AudienceColumns c = columns;
    tx.executeRead(
        status -> {
          c.refresh(status.getConnection(), SLACK_MS);
          return null;
        });
    BitSet all = new BitSet(c.size);
    for (int s = 0; s < c.size; s++) {
      if (c.present[s]) {
        all.set(s);
      }
    }
    BitSet selected = eval(rule, c, asOf, all);
    selected.and(all);
    return selected;
  }

  private BitSet eval(Rule rule, AudienceColumns c, long now, BitSet all) {
    if (rule instanceof Rule.Group g) {
      BitSet result = null;
      for (Rule child : g.children()) {
        BitSet b = eval(child, c, now, all);
        if (result == null) {
          result = b;
        } else if (g.all()) {
          result.and(b);
        } else {
          result.or(b);
        }
      }
      return result;
    }
    if (rule instanceof Rule.Not n) {
      BitSet b = (BitSet) all.clone();
      b.andNot(eval(n.child(), c, now, all));
      return b;
    }
    if (rule instanceof Rule.Condition cond) {
      return cond.field() == ProfileField.TOPIC_CONSENT
          ? topicConsent(cond, c)
          : condition(cond, c, now);
    }
    if (rule instanceof Rule.Engaged e) {
      return facts(
          c, AudienceColumns.factKey(e.event(), ""), now - e.withinDays() * RuleCompiler.DAY_MS);
    }
    if (rule instanceof Rule.Bought b) {
      long since =
          b.withinDays() == null ? Long.MIN_VALUE : now - b.withinDays() * RuleCompiler.DAY_MS;
      if (b.category() != null) {
        String key = compiler.category(b.category(), b.path() + ".category");
        return facts(c, AudienceColumns.factKey("category", key), since);
      }
      long product = compiler.productId(b.product(), b.path() + ".product");
      return productBuyers(c, product, since);
    }
    Rule.LikelyBuyers l = (Rule.LikelyBuyers) rule;
    LongList ids =
        l.product() != null
            ? likelyBuyers.forProduct(
                l.product(), compiler.productId(l.product(), l.path() + ".product"), l.top())
            : likelyBuyers.forCategory(
                compiler.category(l.category(), l.path() + ".category"), l.top());
    BitSet b = new BitSet(c.size);
    for (long id : ids) {
      int s = c.slotOf.get(id);
      if (s >= 0) {
        b.set(s);
      }
    }
    return b;
  }

  private static BitSet facts(AudienceColumns c, String key, long since) {
    BitSet b = new BitSet(c.size);
    Int2LongOpenHashMap byCustomer = c.facts.get(key);
    if (byCustomer != null) {
      for (Int2LongOpenHashMap.Entry e : byCustomer.int2LongEntrySet()) {
        if (e.getLongValue() >= since) {
          b.set(e.getIntKey());
        }
      }
    }
    return b;
  }

  private BitSet productBuyers(AudienceColumns c, long product, long since) {
    return tx.executeRead(
        status -> {
          BitSet b = new BitSet(c.size);
          try (PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT customer_id FROM events WHERE product_id = ? AND type = 'purchase'"
                          + " AND occurred_at >= ?")) {
            ps.setLong(1, product);
            ps.setLong(2, since);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                int s = c.slotOf.get(rs.getLong(1));
                if (s >= 0) {
                  b.set(s);
                }
              }
            }
          }
          return b;
        });
  }

  /**
   * Consents to e-mail and has not left the topic. The opt-outs of the topic are read at count
   * time, like product buyers: {@code consent_topics} holds a row only for someone who made a
   * statement about a topic, so it stays small next to the customers, and it is always fresh.
   */
  private BitSet topicConsent(Rule.Condition cond, AudienceColumns c) {
    BitSet left =
        tx.executeRead(
            status -> {
              BitSet b = new BitSet(c.size);
              try (PreparedStatement ps =
                  status
                      .getConnection()
                      .prepareStatement(
                          "SELECT customer_id FROM consent_topics WHERE topic = ?"
                              + " AND channel = 'email' AND granted = FALSE")) {
                ps.setString(1, (String) cond.values().get(0));
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    int s = c.slotOf.get(rs.getLong(1));
                    if (s >= 0) {
                      b.set(s);
                    }
                  }
                }
              }
              return b;
            });
    boolean wanted = cond.op() == Operator.EQ;
    BitSet b = new BitSet(c.size);
    for (int s = 0; s < c.size; s++) {
      if ((c.consent[s] && !left.get(s)) == wanted) {
        b.set(s);
      }
    }
    return b;
  }

  private static BitSet condition(Rule.Condition cond, AudienceColumns c, long now) {
    ProfileField f = cond.field();
    IntPredicate test;
    if (f.type() == FieldType.BOOLEAN) {
      boolean wanted = (Boolean) cond.values().get(0) == (cond.op() == Operator.EQ);
      IntPredicate is = bool(f, c);
      test = wanted ? is : is.negate();
    } else if (f == ProfileField.RECENCY_DAYS) {
      test = recency(cond, c, now);
    } else if (f.type() == FieldType.TEXT) {
      int[] codes = c.text.get(f);
      int[] wanted =
          cond.values().stream().mapToInt(v -> c.dictionary.getInt((String) v)).toArray();
      boolean equal = cond.op() != Operator.NE;
      test =
          s -> {
            int code = codes[s];
            if (code == AudienceColumns.NO_CODE) {
              return false;
            }
            boolean in = false;
            for (int w : wanted) {
              in |= w == code;
            }
            return in == equal;
          };
    } else {
      test = number(cond, c);
    }
    BitSet b = new BitSet(c.size);
    for (int s = 0; s < c.size; s++) {
      if (test.test(s)) {
        b.set(s);
      }
    }
    return b;
  }

  private static IntPredicate bool(ProfileField f, AudienceColumns c) {
    return switch (f) {
      case EMAIL_CONSENT -> s -> c.consent[s];
      case HAS_EMAIL -> s -> c.hasEmail[s];
      default -> s -> c.household[s] != 0;
    };
  }

  private static IntPredicate number(Rule.Condition cond, AudienceColumns c) {
    double[] column;
    if (cond.field() == ProfileField.HOUSEHOLD_SIZE) {
      Long2IntOpenHashMap members = new Long2IntOpenHashMap();
      for (int s = 0; s < c.size; s++) {
        if (c.present[s] && c.household[s] != 0) {
          members.addTo(c.household[s], 1);
        }
      }
      column = new double[c.size];
      for (int s = 0; s < c.size; s++) {
        column[s] = c.household[s] == 0 ? 1 : members.get(c.household[s]);
      }
    } else {
      column = c.numbers.get(cond.field());
    }
    boolean zeroWhenMissing = !cond.field().nullable();
    double[] v = cond.values().stream().mapToDouble(InMemoryCounter::asDouble).toArray();
    Operator op = cond.op();
    return s -> {
      double x = column[s];
      if (Double.isNaN(x)) {
        if (!zeroWhenMissing) {
          return false;
        }
        x = 0;
      }
      return switch (op) {
        case EQ -> x == v[0];
        case NE -> x != v[0];
        case LT -> x < v[0];
        case LE -> x <= v[0];
        case GT -> x > v[0];
        case GE -> x >= v[0];
        case BETWEEN -> x >= v[0] && x <= v[1];
        case IN -> contains(v, x);
      };
    };
  }

  private static boolean contains(double[] values, double x) {
    for (double v : values) {
      if (v == x) {
        return true;
      }
    }
    return false;
  }

  private static double asDouble(Object v) {
    return v instanceof BigDecimal d ? d.doubleValue() : ((Number) v).doubleValue();
  }

  /** The same ranges on the last purchase time as {@link RuleCompiler}'s recency SQL. */
  private static IntPredicate recency(Rule.Condition cond, AudienceColumns c, long now) {
    long day = RuleCompiler.DAY_MS;
    List<Object> v = cond.values();
    long x = (Long) v.get(0);
    long[] at = c.lastPurchaseAt;
    IntPredicate present = s -> at[s] != AudienceColumns.NO_TIME;
    IntPredicate test =
        switch (cond.op()) {
          case LE -> s -> at[s] > now - (x + 1) * day;
          case LT -> s -> at[s] > now - x * day;
          case GE -> s -> at[s] <= now - x * day;
          case GT -> s -> at[s] <= now - (x + 1) * day;
          case EQ -> s -> at[s] <= now - x * day && at[s] > now - (x + 1) * day;
          case NE -> s -> !(at[s] <= now - x * day && at[s] > now - (x + 1) * day);
          case BETWEEN -> {
            long hi = (Long) v.get(1);
            yield s -> at[s] <= now - x * day && at[s] > now - (hi + 1) * day;
          }
          case IN ->
              s -> {
                for (Object o : v) {
                  long d = (Long) o;
                  if (at[s] <= now - d * day && at[s] > now - (d + 1) * day) {
                    return true;
                  }
                }
                return false;
              };
        };
    return present.and(test);
  }
}
