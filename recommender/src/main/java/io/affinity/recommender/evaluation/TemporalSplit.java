package io.affinity.recommender.evaluation;

import io.affinity.core.importer.ClassifiedLine;
import io.affinity.core.importer.LineClassifier;
import io.affinity.core.importer.LineOutcome;
import io.affinity.core.importer.RetailCsvReader;
import io.affinity.core.importer.RetailLine;
import io.affinity.core.progress.ProgressListener;
import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The Online Retail file cleaned by {@link LineClassifier} and cut in time: purchases before {@link
 * #splitAt()} are training data, purchases from then on are the ground truth of the customers who
 * also bought before.
 *
 * <p>Only {@link LineOutcome#PURCHASE} lines are interactions. Training returns are kept only in
 * each customer's event sequence ({@link #events(int)}), because the serving path reads the latest
 * events of every type and returns take places in that window; they are never interactions.
 *
 * <p>Users are the customers with at least one training purchase, in order of customer id. Items
 * {@code 0..catalogueSize()-1} are the stock codes bought in training (the catalogue, in order of
 * code); items from {@code catalogueSize()} on were first bought in the test period and only appear
 * in {@link #truth(int)}.
 */
public final class TemporalSplit {
  /** The protocol's split: 2011-09-01 00:00 in the shop's time zone (Europe/London). */
  public static final Instant DEFAULT_SPLIT =
      LocalDate.of(2011, 9, 1).atStartOfDay(LineClassifier.ZONE).toInstant();

  /** A marker in {@link #events(int)}: a return, not a purchase. */
  public static final int RETURN = -1;

  private final Instant splitAt;
  private final String[] userIds;
  private final String[] itemIds;
  private final String[] allItemIds;
  private final int catalogueSize;
  private final String[] itemNames;
  private final BigDecimal[] itemPrices;
  private final int[][] bought;
  private final int[][] events;
  private final long[][] eventTimes;
  private final int[] testUsers;
  private final int[][] truth;
  private final int[] buyers;
  private final SplitSummary summary;

  private TemporalSplit(Builder b, Map<LineOutcome, Long> outcomes, long lines) {
    this.splitAt = b.splitAt;
    // Catalogue and users in order of their ids, so that indexes do not depend on the file order.
    this.itemIds = b.trainingItems.keySet().toArray(String[]::new);
    this.catalogueSize = itemIds.length;
    Map<String, Integer> itemIndex = indexOf(itemIds);
    this.itemNames = new String[catalogueSize];
    this.itemPrices = new BigDecimal[catalogueSize];
    for (int i = 0; i < catalogueSize; i++) {
      ItemInfo info = b.trainingItems.get(itemIds[i]);
      itemNames[i] = info.name;
      itemPrices[i] = info.price;
    }
    this.userIds =
        b.trainingCustomers.keySet().stream()
            .sorted(Comparator.comparing((String id) -> id.length()).thenComparing(id -> id))
            .toArray(String[]::new);
    Map<String, Integer> userIndex = indexOf(userIds);

    this.bought = new int[userIds.length][];
    this.events = new int[userIds.length][];
    this.eventTimes = new long[userIds.length][];
    this.buyers = new int[catalogueSize];
    for (int u = 0; u < userIds.length; u++) {
      List<Event> list = new ArrayList<>(b.trainingCustomers.get(userIds[u]));
      list.addAll(b.trainingReturns.getOrDefault(userIds[u], List.of()));
      list.sort(Event.MOST_RECENT_FIRST);
      events[u] = new int[list.size()];
      eventTimes[u] = new long[list.size()];
      for (int k = 0; k < list.size(); k++) {
        Event e = list.get(k);
        events[u][k] = e.item == null ? RETURN : itemIndex.get(e.item);
        eventTimes[u][k] = e.time;
      }
      bought[u] = Arrays.stream(events[u]).filter(i -> i != RETURN).distinct().sorted().toArray();
      for (int item : bought[u]) {
        buyers[item]++;
      }
    }

    // Items first bought in the test period get indexes after the catalogue, in order of code.
    TreeSet<String> testOnly = new TreeSet<>();
    b.testPurchases
        .values()
        .forEach(
            items -> items.stream().filter(i -> !itemIndex.containsKey(i)).forEach(testOnly::add));
    String[] all = Arrays.copyOf(itemIds, catalogueSize + testOnly.size());
    int next = catalogueSize;
    for (String id : testOnly) {
      all[next] = id;
      itemIndex.put(id, next++);
    }
    List<Integer> tested = new ArrayList<>();
    int coldCustomers = 0;
    for (String customer : b.testPurchases.keySet()) {
      Integer u = userIndex.get(customer);
      if (u == null) {
        coldCustomers++;
      } else {
        tested.add(u);
      }
    }
    this.testUsers = tested.stream().mapToInt(Integer::intValue).sorted().toArray();
    this.truth = new int[testUsers.length][];
    long truthNew = 0;
    int usersWithNew = 0;
    for (int t = 0; t < testUsers.length; t++) {
      truth[t] =
          b.testPurchases.get(userIds[testUsers[t]]).stream()
              .mapToInt(itemIndex::get)
              .distinct()
              .sorted()
              .toArray();
      int fresh = newItems(t).length;
      truthNew += fresh;
      usersWithNew += fresh > 0 ? 1 : 0;
    }
    long interactions = Arrays.stream(bought).mapToLong(a -> a.length).sum();
    this.summary =
        new SplitSummary(
            splitAt,
            b.testEnd,
            lines,
            outcomes,
            b.trainingPurchaseLines,
            b.testPurchaseLines,
            userIds.length,
            catalogueSize,
            interactions,
            testUsers.length,
            usersWithNew,
            coldCustomers,
            testOnly.size(),
            Arrays.stream(truth).mapToLong(a -> a.length).sum(),
            truthNew,
            b.firstTraining == Long.MAX_VALUE ? splitAt.toEpochMilli() : b.firstTraining);
    this.allItemIds = all;
  }

  /**
   * Reads and splits the Online Retail file at {@code path} (CSV, plain or gzipped), reporting
   * progress as bytes of the file read.
   *
   * @throws IllegalArgumentException if the file cannot be read or is not an Online Retail file
   */
  public static TemporalSplit read(Path path, Instant splitAt, ProgressListener progress) {
    return read(path, splitAt, null, progress);
  }

  /**
   * Like {@link #read(Path, Instant, ProgressListener)}, but ignores purchases from {@code testEnd}
   * on (if not null): a validation split inside the training period, for choosing parameters
   * without looking at the test period.
   */
  public static TemporalSplit read(
      Path path, Instant splitAt, @Nullable Instant testEnd, ProgressListener progress) {
    Objects.requireNonNull(splitAt, "splitAt");
    try (RetailCsvReader reader = RetailCsvReader.open(path)) {
      Builder builder = new Builder(splitAt, testEnd);
      Map<LineOutcome, Long> outcomes = new EnumMap<>(LineOutcome.class);
      progress.start("Reading " + path.getFileName(), reader.size());
      long lines = 0;
      long reported = 0;
      for (RetailLine line = reader.next(); line != null; line = reader.next()) {
        ClassifiedLine c = LineClassifier.classify(line);
        outcomes.merge(c.outcome(), 1L, Long::sum);
        builder.accept(c);
        if (++lines % 10_000 == 0) {
          long bytes = reader.bytesRead();
          progress.advance(Math.max(0, bytes - reported));
          reported = Math.max(bytes, reported);
        }
      }
      progress.advance(Math.max(0, reader.size() - reported));
      progress.finish();
      return new TemporalSplit(builder, outcomes, lines);
    }
  }

  /**
   * Splits lines that are already classified (for tests and generated data): the same rules as
   * {@link #read(Path, Instant, Instant, ProgressListener)} without the file.
   */
  public static TemporalSplit of(
      Iterable<ClassifiedLine> lines, Instant splitAt, @Nullable Instant testEnd) {
    Objects.requireNonNull(splitAt, "splitAt");
    Builder builder = new Builder(splitAt, testEnd);
    Map<LineOutcome, Long> outcomes = new EnumMap<>(LineOutcome.class);
    long count = 0;
    for (ClassifiedLine c : lines) {
      outcomes.merge(c.outcome(), 1L, Long::sum);
      builder.accept(c);
      count++;
    }
    return new TemporalSplit(builder, outcomes, count);
  }

  /** The instant that separates training (before) from test (from then on). */
  public Instant splitAt() {
    return splitAt;
  }

  /** Number of users: customers with at least one training purchase. */
  public int users() {
    return userIds.length;
  }

  /** The customer id of {@code user}. */
  public String userId(int user) {
    return userIds[user];
  }

  /** Number of items that can be recommended: those bought in training. */
  public int catalogueSize() {
    return catalogueSize;
  }

  /** The stock code of {@code item} (catalogue or test-only). */
  public String itemId(int item) {
    return allItemIds[item];
  }

  /** The description of catalogue item {@code item} (the first one seen in training), or null. */
  public String itemName(int item) {
    return itemNames[item];
  }

  /** The unit price of catalogue item {@code item} on its first training purchase. */
  public BigDecimal itemPrice(int item) {
    return itemPrices[item];
  }

  /** The distinct catalogue items {@code user} bought in training, sorted. Do not modify. */
  public int[] bought(int user) {
    return bought[user];
  }

  /** How many users bought {@code item} in training. */
  public int buyers(int item) {
    return buyers[item];
  }

  /**
   * The training events of {@code user}, most recent first (by time, then by line of the file,
   * later lines first): the item of each purchase line, or {@link #RETURN}. Do not modify.
   */
  public int[] events(int user) {
    return events[user];
  }

  /** The epoch milliseconds of each of {@link #events(int)}. Do not modify. */
  public long[] eventTimes(int user) {
    return eventTimes[user];
  }

  /** The users evaluated: those with training purchases who also bought in the test period. */
  public int[] testUsers() {
    return testUsers;
  }

  /**
   * The ground truth of the {@code t}-th test user ({@link #testUsers()}{@code [t]}): the distinct
   * items bought in the test period, sorted. Do not modify.
   */
  public int[] truth(int t) {
    return truth[t];
  }

  /** {@link #truth(int)} minus the items the user bought in training, sorted. */
  public int[] newItems(int t) {
    int[] known = bought[testUsers[t]];
    return Arrays.stream(truth[t]).filter(i -> Arrays.binarySearch(known, i) < 0).toArray();
  }

  /** The ground truth of the {@code t}-th test user in {@code mode}. */
  public int[] truth(int t, Mode mode) {
    return mode == Mode.ALL_ITEMS ? truth(t) : newItems(t);
  }

  /** What the file held and how it was split. */
  public SplitSummary summary() {
    return summary;
  }

  private static Map<String, Integer> indexOf(String[] ids) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < ids.length; i++) {
      index.put(ids[i], i);
    }
    return index;
  }

  private record Event(String item, long time, long line) {
    /** Latest first; within the same minute (one invoice), later lines first. */
    static final Comparator<Event> MOST_RECENT_FIRST =
        Comparator.comparingLong(Event::time).thenComparingLong(Event::line).reversed();
  }

  private static final class ItemInfo {
    String name;
    BigDecimal price;
  }

  /** Collects the lines of the file. */
  private static final class Builder {
    final Instant splitAt;
    final @Nullable Instant testEnd;
    final long split;
    final long end;
    final TreeMap<String, ItemInfo> trainingItems = new TreeMap<>();
    final Map<String, List<Event>> trainingCustomers = new HashMap<>();
    final Map<String, List<Event>> trainingReturns = new HashMap<>();
    final TreeMap<String, List<String>> testPurchases = new TreeMap<>();
    long trainingPurchaseLines;
    long testPurchaseLines;
    long firstTraining = Long.MAX_VALUE;

    Builder(Instant splitAt, @Nullable Instant testEnd) {
      this.splitAt = splitAt;
      this.testEnd = testEnd;
      this.split = splitAt.toEpochMilli();
      this.end = testEnd == null ? Long.MAX_VALUE : testEnd.toEpochMilli();
    }

    void accept(ClassifiedLine c) {
      if (!c.outcome().isEvent()) {
        return;
      }
      long time = c.time().toEpochMilli();
      if (time >= end) {
        return;
      }
      if (c.outcome() == LineOutcome.RETURN) {
        if (time < split) {
          trainingReturns
              .computeIfAbsent(c.customerId(), k -> new ArrayList<>())
              .add(new Event(null, time, c.lineNumber()));
        }
        return;
      }
      if (time < split) {
        trainingPurchaseLines++;
        firstTraining = Math.min(firstTraining, time);
        ItemInfo info = trainingItems.computeIfAbsent(c.stockCode(), k -> new ItemInfo());
        if (info.price == null) {
          info.price = c.unitPrice();
        }
        if (info.name == null) {
          info.name = c.description();
        }
        trainingCustomers
            .computeIfAbsent(c.customerId(), k -> new ArrayList<>())
            .add(new Event(c.stockCode(), time, c.lineNumber()));
      } else {
        testPurchaseLines++;
        testPurchases.computeIfAbsent(c.customerId(), k -> new ArrayList<>()).add(c.stockCode());
      }
    }
  }
}
