package io.affinity.campaigns.templates;

import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsed template versions by template and version. A version never changes once saved, so an entry
 * never goes stale; the cache is cleared when it grows past {@link #MAX_ENTRIES} (versions pinned
 * by running campaigns come back on their next use).
 */
@Singleton
public class TemplateCache {
  static final int MAX_ENTRIES = 500;

  private record Key(long templateId, int version) {}

  private final ConcurrentHashMap<Key, CompiledTemplate> cache = new ConcurrentHashMap<>();
  private final TemplateService templates;

  public TemplateCache(TemplateService templates) {
    this.templates = templates;
  }

  /**
   * Version {@code version} of template {@code templateId}, parsed.
   *
   * @throws io.affinity.core.error.NotFoundException if there is no such version
   */
  public CompiledTemplate get(long templateId, int version) {
    Key key = new Key(templateId, version);
    CompiledTemplate hit = cache.get(key);
    if (hit != null) {
      return hit;
    }
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    // Outside computeIfAbsent: a database read must not hold a lock of the map.
    CompiledTemplate parsed = CompiledTemplate.of(templates.version(templateId, version));
    CompiledTemplate raced = cache.putIfAbsent(key, parsed);
    return raced != null ? raced : parsed;
  }
}
