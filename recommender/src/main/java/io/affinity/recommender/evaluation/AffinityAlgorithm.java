package io.affinity.recommender.evaluation;

import io.affinity.core.progress.ProgressListener;
import io.affinity.recommender.index.CatalogueItem;
import io.affinity.recommender.index.IndexBuilder;
import io.affinity.recommender.model.IndicatorsFile;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.ModelInfo;
import io.affinity.recommender.model.ServingModel;
import io.affinity.recommender.serving.History;
import io.affinity.recommender.serving.HistoryReader;
import io.affinity.recommender.serving.Recommendation;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.CooccurrenceTrainer;
import io.affinity.recommender.training.Indicators;
import io.affinity.recommender.training.InteractionData;
import io.affinity.recommender.training.Signal;
import io.affinity.recommender.training.TrainingConfig;
import io.affinity.recommender.training.TrainingSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntFunction;
import java.util.stream.Stream;

/**
 * Our recommender through the path that serves production: {@link CooccurrenceTrainer} on the
 * training purchases, {@link IndicatorsFile}, {@link IndexBuilder} into a temporary directory,
 * {@link ServingModel} in a {@link ModelHolder}, and {@link Recommender#recommend} with the
 * customer's history as {@link HistoryReader} reads it from the database once it fills a {@code new
 * History(History.ITEMS_PER_SIGNAL)} with every purchase event of the latest ones (see {@link
 * #history}). In {@link Mode#ALL_ITEMS} the query has {@code includePurchased}, as the API's {@code
 * includePurchased=true}.
 *
 * <p>Differences from a trained production model, none of which the recommendation query reads: the
 * catalogue has no category, brand or cost, every item is in stock; the repeat-purchase interval of
 * each item is 0.
 */
final class AffinityAlgorithm implements Algorithm {
  private static final long DAY = 86_400_000L;

  private final TrainingConfig config;
  private final Recommender.Tuning tuning;
  private final int itemsPerSignal;
  private final IntFunction<String> categoryOf;
  private TemporalSplit split;
  private Path dir;
  private ModelHolder holder;
  private Recommender recommender;
  private Map<String, Integer> itemIndex;

  /** The first {@value #COUNTED_SLOTS} slots of each mode's lists, and how many were popular. */
  static final int COUNTED_SLOTS = 10;

  private final LongAdder[] slots = {new LongAdder(), new LongAdder()};
  private final LongAdder[] popularSlots = {new LongAdder(), new LongAdder()};

  AffinityAlgorithm(TrainingConfig config) {
    this(config, Recommender.Tuning.defaults(), History.ITEMS_PER_SIGNAL);
  }

  AffinityAlgorithm(TrainingConfig config, Recommender.Tuning tuning, int itemsPerSignal) {
    this(config, tuning, itemsPerSignal, item -> null);
  }

  /**
   * @param categoryOf the category path of each catalogue item, or null; the offline catalogue has
   *     none, the cross-sell evaluation supplies {@link DescriptionCategories}
   */
  AffinityAlgorithm(
      TrainingConfig config,
      Recommender.Tuning tuning,
      int itemsPerSignal,
      IntFunction<String> categoryOf) {
    this.config = config;
    this.tuning = tuning;
    this.itemsPerSignal = itemsPerSignal;
    this.categoryOf = categoryOf;
  }

  /** The trained model, served as the service serves it; null before {@link #train}. */
  ModelHolder holder() {
    return holder;
  }

  @Override
  public String name() {
    return "affinity";
  }

  @Override
  public String description() {
    return String.format(
        "ours: LLR co-occurrence indicators served from Lucene (max %d items per user, top %d"
            + " indicators per item, min co-occurrence %d), history = last %d purchased items,"
            + " with includePurchased (all items) the customer's own items weighted %.1f,"
            + " evidence floor %.2f of the best correlation, then popularity backfill (of the"
            + " first %d slots, %d of %d popular with all items, %d of %d with new items)",
        config.maxPerUser(),
        config.indicatorsPerItem(),
        config.minCooccurrence(),
        itemsPerSignal,
        tuning.repeatWeight(),
        tuning.evidenceFloor(),
        COUNTED_SLOTS,
        popularSlots[1].sum(),
        slots[1].sum(),
        popularSlots[0].sum(),
        slots[0].sum());
  }

  @Override
  public void train(TemporalSplit split, ProgressListener progress) {
    this.split = split;
    InteractionData.Builder builder = new InteractionData.Builder();
    builder.size(split.users(), split.catalogueSize());
    for (int u = 0; u < split.users(); u++) {
      for (int item : split.bought(u)) {
        builder.add(u, item, Signal.PURCHASE);
      }
    }
    InteractionData data = builder.build(config.maxPerUser(), config.seed());
    Indicators indicators = new CooccurrenceTrainer(config).train(data, progress);
    TrainingSet set = trainingSet(split, data);
    itemIndex = new HashMap<>();
    Map<String, CatalogueItem> catalogue = new LinkedHashMap<>();
    for (int i = 0; i < split.catalogueSize(); i++) {
      String id = split.itemId(i);
      itemIndex.put(id, i);
      catalogue.put(
          id,
          new CatalogueItem(
              id, split.itemName(i), categoryOf.apply(i), null, split.itemPrice(i), null, true));
    }
    try {
      dir = Files.createTempDirectory("affinity-evaluation-");
      Path file = dir.resolve("indicators.jsonl.gz");
      IndicatorsFile.write(file, set, indicators);
      IndexBuilder.build(file, catalogue, dir.resolve("index"), progress);
      ModelInfo info =
          new ModelInfo(
              1,
              Instant.now(),
              Instant.ofEpochMilli(set.fromMillis()),
              Instant.ofEpochMilli(set.toMillis()),
              set.events(),
              indicators.users(),
              data.items(),
              indicators.count(),
              List.of(Signal.PURCHASE.wireName()),
              0,
              null,
              dir.toString(),
              "active");
      holder = new ModelHolder();
      holder.swap(ServingModel.open(info, dir.resolve("index")));
      recommender = new Recommender(holder, tuning);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not write the model files in " + dir, e);
    }
  }

  @Override
  public int[] recommend(int user, int k, boolean includeKnown) {
    Set<String> exclude = new HashSet<>();
    if (!includeKnown) {
      for (int item : split.bought(user)) {
        exclude.add(split.itemId(item));
      }
    }
    Rules rules = includeKnown ? WITH_PURCHASED : RULES;
    List<Recommendation> items =
        recommender
            .recommend(
                history(split, user, itemsPerSignal),
                EnumSet.of(Signal.PURCHASE),
                rules,
                exclude,
                k)
            .items();
    int mode = includeKnown ? 1 : 0;
    for (int i = 0; i < Math.min(COUNTED_SLOTS, items.size()); i++) {
      slots[mode].increment();
      if (!items.get(i).reason().kind().equals(Signal.PURCHASE.wireName())
          && !items.get(i).reason().kind().equals("repeat")) {
        popularSlots[mode].increment();
      }
    }
    return items.stream().mapToInt(r -> itemIndex.get(r.itemId())).toArray();
  }

  /**
   * The rules of the {@link Mode#NEW_ITEMS} query: the defaults (already-bought items are passed as
   * {@code exclude}, as the API does; "in stock only" has no effect, every item is).
   */
  private static final Rules RULES = Rules.defaults();

  /**
   * The rules of {@link Mode#ALL_ITEMS}: the defaults with {@code includePurchased}, as the API.
   */
  private static final Rules WITH_PURCHASED =
      new Rules(Set.of(), Set.of(), null, null, true, List.of(), Set.of(), true);

  /**
   * The history {@link HistoryReader} would read: of the customer's latest {@value
   * HistoryReader#RECENT_EVENTS} events (purchases and returns, most recent first), the distinct
   * purchased items, at most {@code itemsPerSignal}, each counted once per purchase event among
   * those latest events (the {@link History} holds the cap, so repeats of a held item count even
   * after it is reached).
   */
  static History history(TemporalSplit split, int user, int itemsPerSignal) {
    History history = new History(itemsPerSignal);
    int[] events = split.events(user);
    int n = Math.min(events.length, HistoryReader.RECENT_EVENTS);
    for (int e = 0; e < n; e++) {
      if (events[e] != TemporalSplit.RETURN) {
        history.add(Signal.PURCHASE, split.itemId(events[e]));
      }
    }
    return history;
  }

  /**
   * What {@code InteractionLoader} would have read: the interactions, item ids, and the buyers of
   * each item in the last {@value TrainingSet#TREND_DAYS} days before the split and the {@value
   * TrainingSet#TREND_DAYS} before those.
   */
  private static TrainingSet trainingSet(TemporalSplit split, InteractionData data) {
    long to = split.splitAt().toEpochMilli();
    int[] recent = new int[split.catalogueSize()];
    int[] prior = new int[split.catalogueSize()];
    for (int u = 0; u < split.users(); u++) {
      Set<Integer> seenRecent = new HashSet<>();
      Set<Integer> seenPrior = new HashSet<>();
      int[] events = split.events(u);
      long[] times = split.eventTimes(u);
      for (int e = 0; e < events.length; e++) {
        long daysBefore = (to - times[e]) / DAY;
        if (events[e] == TemporalSplit.RETURN) {
          continue;
        }
        if (daysBefore < TrainingSet.TREND_DAYS && seenRecent.add(events[e])) {
          recent[events[e]]++;
        } else if (daysBefore >= TrainingSet.TREND_DAYS
            && daysBefore < 2 * TrainingSet.TREND_DAYS
            && seenPrior.add(events[e])) {
          prior[events[e]]++;
        }
      }
    }
    String[] ids = new String[split.catalogueSize()];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = split.itemId(i);
    }
    return new TrainingSet(
        data,
        ids,
        recent,
        prior,
        new float[ids.length],
        split.summary().firstTrainingMillis(),
        to,
        split.summary().trainingPurchaseLines());
  }

  @Override
  public void close() {
    if (holder != null) {
      holder.swap(null);
    }
    if (dir != null) {
      try (Stream<Path> paths = Files.walk(dir)) {
        paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a temporary directory left behind is not worth failing the evaluation
      }
    }
  }
}
