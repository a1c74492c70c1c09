package io.affinity.recommender.serving;

import io.affinity.recommender.index.LiveCatalogue;
import io.affinity.recommender.index.LiveItem;
import io.affinity.recommender.model.ServingModel;
import io.micronaut.core.annotation.Nullable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The products one request is about, as they are now: read from the live catalogue in one statement
 * per {@link #load} (the candidates the index found, the request's own items and, once, the
 * products added since training), or taken from the index's stored fields where there is no
 * database. A product read but not found was deleted: {@link #of} gives null for it.
 */
public final class LiveItems {
  private final ServingModel model;
  @Nullable private final LiveCatalogue catalogue;
  private final Map<String, LiveItem> items = new HashMap<>();
  private final Set<String> asked = new HashSet<>();
  private final List<LiveItem> added = new ArrayList<>();
  private boolean addedRead;

  /** A lookup on {@code model}, live when {@code catalogue} is not null. */
  public LiveItems(ServingModel model, @Nullable LiveCatalogue catalogue) {
    this.model = model;
    this.catalogue = catalogue;
  }

  /** Whether the items come from the database rather than the index. */
  public boolean live() {
    return catalogue != null;
  }

  /**
   * Reads the documents {@code docs} and the items {@code ids} not read yet, and with {@code
   * withAdded} the products added since training (once per request), in one statement.
   */
  public void load(Collection<Integer> docs, Collection<String> ids, boolean withAdded) {
    if (catalogue == null) {
      for (int doc : docs) {
        LiveItem item = LiveItem.of(model.document(doc));
        items.put(item.id(), item);
      }
      for (String id : ids) {
        int doc = model.docOf(id);
        if (doc >= 0) {
          items.put(id, LiveItem.of(model.document(doc)));
        }
      }
      return;
    }
    List<Long> rows = new ArrayList<>();
    Set<String> byId = new HashSet<>();
    for (int doc : docs) {
      String id = model.document(doc).get(io.affinity.recommender.index.ItemFields.ID);
      if (asked.add(id)) {
        long row = model.rowIdOf(doc);
        if (row >= 0) {
          rows.add(row);
        } else {
          byId.add(id);
        }
      }
    }
    for (String id : ids) {
      if (asked.add(id)) {
        int doc = model.docOf(id);
        long row = doc < 0 ? -1 : model.rowIdOf(doc);
        if (row >= 0) {
          rows.add(row);
        } else {
          byId.add(id);
        }
      }
    }
    boolean readAdded = withAdded && !addedRead && model.maxRowId() < Long.MAX_VALUE;
    if (rows.isEmpty() && byId.isEmpty() && !readAdded) {
      return;
    }
    Map<String, LiveItem> read =
        catalogue.read(rows, byId, readAdded ? model.maxRowId() : Long.MAX_VALUE);
    items.putAll(read);
    if (readAdded) {
      addedRead = true;
      for (LiveItem item : read.values()) {
        if (item.rowId() > model.maxRowId()) {
          added.add(item);
          asked.add(item.id());
        }
      }
      added.sort((a, b) -> Long.compare(a.rowId(), b.rowId()));
    }
  }

  /** The item of document {@code doc} as it is now; null if it was deleted or not loaded. */
  @Nullable
  public LiveItem of(int doc) {
    return items.get(model.document(doc).get(io.affinity.recommender.index.ItemFields.ID));
  }

  /** The item {@code id} as it is now; null if it is unknown, deleted or not loaded. */
  @Nullable
  public LiveItem of(String id) {
    return items.get(id);
  }

  /** The products added since training (the newest {@value LiveCatalogue#NEWEST}), oldest first. */
  public List<LiveItem> added() {
    return added;
  }
}
