package io.affinity.service.console.templates;

import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The HTML of the latest previews, held in memory for the editor's frame to load from a URL of its
 * own (served with a policy of its own: a message's inline styles and remote images would break
 * under the console's, which a {@code srcdoc} frame inherits). Each preview is readable by the user
 * who made it only, under a random token, for {@link #TTL}; the oldest go first past {@link
 * #MAX_ENTRIES} previews or {@link #MAX_CHARS} characters in all.
 */
@Singleton
public class PreviewDocuments {
  /** The most previews kept. */
  static final int MAX_ENTRIES = 200;

  /** The most characters of HTML kept, all previews together (a preview may be 1 MiB). */
  static final long MAX_CHARS = 16L * 1024 * 1024;

  /** How long a preview stays readable. */
  static final Duration TTL = Duration.ofMinutes(30);

  private record Entry(String owner, String html, long at) {}

  private final SecureRandom random = new SecureRandom();
  private final LinkedHashMap<String, Entry> entries = new LinkedHashMap<>(); // guarded by this
  private long chars; // guarded by this

  /** Keeps {@code html} for {@code owner}; the token that reads it. */
  public synchronized String put(String owner, String html) {
    byte[] bytes = new byte[18];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    entries.put(token, new Entry(owner, html, System.currentTimeMillis()));
    chars += html.length();
    Iterator<Map.Entry<String, Entry>> oldest = entries.entrySet().iterator();
    while (oldest.hasNext() && (entries.size() > MAX_ENTRIES || chars > MAX_CHARS)) {
      Map.Entry<String, Entry> e = oldest.next();
      if (e.getKey().equals(token)) {
        break; // the newest stays, even alone over the budget
      }
      chars -= e.getValue().html().length();
      oldest.remove();
    }
    return token;
  }

  /** The HTML under {@code token} if {@code owner} made it and it has not expired. */
  public synchronized Optional<String> get(String owner, String token) {
    Entry e = entries.get(token);
    if (e == null || !e.owner().equals(owner)) {
      return Optional.empty();
    }
    if (System.currentTimeMillis() - e.at() > TTL.toMillis()) {
      entries.remove(token);
      chars -= e.html().length();
      return Optional.empty();
    }
    return Optional.of(e.html());
  }
}
