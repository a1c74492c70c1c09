package io.affinity.bench.serving;

import io.affinity.core.event.EventInput;
import io.affinity.core.event.EventType;
import io.affinity.core.product.ProductInput;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShop;
import io.affinity.recommender.index.CatalogueItem;
import io.affinity.recommender.index.IndexBuilder;
import io.affinity.recommender.model.IndicatorsFile;
import io.affinity.recommender.model.ModelHolder;
import io.affinity.recommender.model.ModelInfo;
import io.affinity.recommender.model.ServingModel;
import io.affinity.recommender.serving.History;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.training.CooccurrenceTrainer;
import io.affinity.recommender.training.Indicators;
import io.affinity.recommender.training.InteractionData;
import io.affinity.recommender.training.Signal;
import io.affinity.recommender.training.TrainingConfig;
import io.affinity.recommender.training.TrainingSet;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A synthetic shop turned into a served model without a database: events straight from the
 * generator into {@link InteractionData}, trained, written as an indicators file, indexed and
 * opened exactly as the service does. Keeps the histories of a sample of customers for queries, and
 * every user's purchases for the Taste baseline.
 */
public final class ServingFixture {
  /** Every how many customers one is kept for queries. */
  static final int SAMPLE_EVERY = 100;

  /** A customer kept for queries: their dense index and their history, newest first. */
  record Sample(int user, History history) {}

  final Recommender recommender;
  final ModelHolder holder;
  final List<Sample> histories;
  final InteractionData data;
  final String[] itemIds;
  final long trainMillis;
  final long indexMillis;
  final long peakHeapBytes;
  final long events;

  private ServingFixture(
      Recommender recommender,
      ModelHolder holder,
      List<Sample> histories,
      InteractionData data,
      String[] itemIds,
      long trainMillis,
      long indexMillis,
      long peakHeapBytes,
      long events) {
    this.recommender = recommender;
    this.holder = holder;
    this.histories = histories;
    this.data = data;
    this.itemIds = itemIds;
    this.trainMillis = trainMillis;
    this.indexMillis = indexMillis;
    this.peakHeapBytes = peakHeapBytes;
    this.events = events;
  }

  /** Generates the shop of {@code spec}, trains and indexes it under {@code dir}. */
  public static ServingFixture build(ShopSpec spec, Path dir, ProgressListener progress)
      throws IOException {
    resetPeakHeap();
    long start = System.currentTimeMillis();
    SyntheticShop shop = SyntheticShop.generate(spec);
    Object2IntOpenHashMap<String> users = new Object2IntOpenHashMap<>();
    Object2IntOpenHashMap<String> items = new Object2IntOpenHashMap<>();
    users.defaultReturnValue(-1);
    items.defaultReturnValue(-1);
    List<String> itemIds = new ArrayList<>();
    InteractionData.Builder builder = new InteractionData.Builder();
    List<Sample> histories = new ArrayList<>();
    List<EventInput> current = new ArrayList<>();
    String currentCustomer = null;
    long events = 0;
    progress.start("Generating events", spec.events());
    for (Iterator<EventInput> it = shop.events(); it.hasNext(); ) {
      EventInput e = it.next();
      events++;
      if ((events & 0xFFFF) == 0) {
        progress.advance(0x10000);
      }
      if (!e.customerId().equals(currentCustomer)) {
        keepIfSampled(users, currentCustomer, current, histories);
        currentCustomer = e.customerId();
        current.clear();
      }
      Signal signal = signal(e);
      if (signal == null) {
        continue;
      }
      int user = index(users, e.customerId(), null);
      int item = index(items, e.productId(), itemIds::add);
      builder.add(user, item, signal);
      current.add(e);
    }
    keepIfSampled(users, currentCustomer, current, histories);
    progress.finish();

    long trainStart = System.currentTimeMillis();
    TrainingConfig config = TrainingConfig.defaults();
    InteractionData data = builder.build(config.maxPerUser(), config.seed());
    Indicators indicators = new CooccurrenceTrainer(config).train(data, progress);
    String[] ids = itemIds.toArray(new String[0]);
    int n = ids.length;
    TrainingSet set =
        new TrainingSet(
            data, ids, new int[n], new int[n], new float[n], 0, spec.end().toEpochMilli(), events);
    Path file = dir.resolve("indicators.jsonl.gz");
    IndicatorsFile.write(file, set, indicators);
    long trainMillis = System.currentTimeMillis() - trainStart;

    long indexStart = System.currentTimeMillis();
    Map<String, CatalogueItem> catalogue = new LinkedHashMap<>();
    for (ProductInput p : shop.products()) {
      catalogue.put(
          p.id(),
          new CatalogueItem(
              p.id(),
              p.name(),
              p.categoryPath(),
              p.brand(),
              p.price(),
              p.cost(),
              Boolean.TRUE.equals(p.inStock())));
    }
    IndexBuilder.build(file, catalogue, dir.resolve("index"), progress);
    long indexMillis = System.currentTimeMillis() - indexStart;

    ModelInfo info =
        new ModelInfo(
            1,
            Instant.now(),
            Instant.EPOCH,
            spec.end(),
            events,
            data.users(),
            n,
            indicators.count(),
            List.of("purchase", "view", "cart"),
            trainMillis + indexMillis,
            null,
            dir.toString(),
            "active");
    ModelHolder holder = new ModelHolder();
    holder.swap(ServingModel.open(info, dir.resolve("index")));
    System.out.printf(
        "Fixture: %,d events, %,d users, %,d items, %,d indicators; generated+read in %.1f s%n",
        events, data.users(), n, indicators.count(), (trainStart - start) / 1000.0);
    return new ServingFixture(
        new Recommender(holder),
        holder,
        histories,
        data,
        ids,
        trainMillis,
        indexMillis,
        peakHeap(),
        events);
  }

  private static void keepIfSampled(
      Object2IntOpenHashMap<String> users,
      String customer,
      List<EventInput> events,
      List<Sample> out) {
    if (customer == null || events.isEmpty() || users.getInt(customer) % SAMPLE_EVERY != 0) {
      return;
    }
    if (events.stream().noneMatch(e -> signal(e) == Signal.PURCHASE)) {
      return; // the baseline knows only buyers: compare on customers both can serve
    }
    History history = new History(History.ITEMS_PER_SIGNAL);
    List<EventInput> newestFirst = new ArrayList<>(events);
    Collections.reverse(newestFirst);
    for (EventInput e : newestFirst) {
      Signal s = signal(e);
      history.add(s, e.productId());
    }
    out.add(new Sample(users.getInt(customer), history));
  }

  private static Signal signal(EventInput e) {
    return EventType.fromWireName(e.type()).flatMap(Signal::of).orElse(null);
  }

  private static int index(
      Object2IntOpenHashMap<String> map, String id, java.util.function.Consumer<String> onNew) {
    int index = map.getInt(id);
    if (index < 0) {
      index = map.size();
      map.put(id, index);
      if (onNew != null) {
        onNew.accept(id);
      }
    }
    return index;
  }

  private static void resetPeakHeap() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peaks since the last reset: an upper bound of the peak heap. */
  static long peakHeap() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
