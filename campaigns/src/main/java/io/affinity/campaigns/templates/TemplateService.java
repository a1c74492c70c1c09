package io.affinity.campaigns.templates;

import io.affinity.core.error.FieldError;
import io.affinity.core.error.InvalidInputException;
import io.affinity.core.error.NotFoundException;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Creates templates, saves new versions, and reads them. Every source is checked by {@link
 * TemplateChecker} before anything is written; a save is one transaction.
 */
@Singleton
public class TemplateService {
  static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
  static final int MAX_NAME = 200;
  static final int MAX_SUBJECT = 1000;
  static final int MAX_BODY = 1_000_000;

  private final TransactionOperations<Connection> tx;

  public TemplateService(TransactionOperations<Connection> tx) {
    this.tx = tx;
  }

  /**
   * Creates a template at version 1.
   *
   * @throws InvalidInputException for missing or bad fields, or a key in use
   * @throws TemplateRejectedException for a source that does not parse or leaves the sandbox
   */
  public TemplateView create(TemplateInput in) {
    List<FieldError> errors = new ArrayList<>();
    if (in == null) {
      throw new InvalidInputException("body", "a template is required");
    }
    if (in.key() == null || !KEY.matcher(in.key()).matches()) {
      errors.add(new FieldError("key", "must match " + KEY.pattern()));
    }
    if (in.name() == null || in.name().isBlank() || in.name().length() > MAX_NAME) {
      errors.add(new FieldError("name", "must be 1 to " + MAX_NAME + " characters"));
    }
    TemplateStore.Sources sources = sources(in, errors);
    long now = System.currentTimeMillis();
    long id =
        tx.executeWrite(
            status -> {
              Connection c = status.getConnection();
              try {
                if (TemplateStore.idOfKey(c, in.key()).isPresent()) {
                  throw new InvalidInputException("key", "is already used by another template");
                }
                return TemplateStore.insert(c, in.key(), in.name().strip(), sources, now);
              } catch (SQLException e) {
                throw new IllegalStateException("Could not store the template", e);
              }
            });
    return get(id);
  }

  /**
   * Saves the next version of template {@code id}; {@code name} is kept when omitted.
   *
   * @throws NotFoundException if there is no such template
   */
  public TemplateView update(long id, TemplateInput in) {
    if (in == null) {
      throw new InvalidInputException("body", "a template is required");
    }
    List<FieldError> errors = new ArrayList<>();
    if (in.key() != null && !in.key().equals(get(id).key())) {
      errors.add(new FieldError("key", "cannot be changed"));
    }
    if (in.name() != null && (in.name().isBlank() || in.name().length() > MAX_NAME)) {
      errors.add(new FieldError("name", "must be 1 to " + MAX_NAME + " characters"));
    }
    TemplateStore.Sources sources = sources(in, errors);
    long now = System.currentTimeMillis();
    tx.executeWrite(
        status -> {
          try {
            return TemplateStore.addVersion(
                status.getConnection(),
                id,
                in.name() == null ? null : in.name().strip(),
                sources,
                now);
          } catch (SQLException e) {
            throw new IllegalStateException("Could not store the template", e);
          }
        });
    return get(id);
  }

  /**
   * Creates template {@code key} from {@code in} unless a template has that key already; returns
   * whether it created it. For the shipped defaults: running it twice, or on two instances at once,
   * leaves one template.
   */
  public boolean createIfMissing(TemplateInput in) {
    if (read(c -> TemplateStore.idOfKey(c, in.key())).isPresent()) {
      return false;
    }
    try {
      create(in);
      return true;
    } catch (RuntimeException e) {
      // Another instance won the race: our check or the unique key stopped the second insert.
      if (read(c -> TemplateStore.idOfKey(c, in.key())).isPresent()) {
        return false;
      }
      throw e;
    }
  }

  /**
   * {@code in}'s sources checked as a save would check them, but not saved: version 0 of template
   * 0, for previewing what a marketer is writing. The key and name are not looked at.
   *
   * @throws InvalidInputException for a missing or too long subject or HTML
   * @throws TemplateRejectedException for a source that does not parse or leaves the sandbox
   */
  public TemplateVersion draft(TemplateInput in) {
    if (in == null) {
      throw new InvalidInputException("body", "a template is required");
    }
    TemplateStore.Sources s = sources(in, new ArrayList<>());
    return new TemplateVersion(0, 0, s.subject(), s.html(), s.text(), Instant.now());
  }

  /** Template {@code id} with every version, newest first; {@link NotFoundException} if unknown. */
  public TemplateView get(long id) {
    return read(
        c -> {
          TemplateView t =
              TemplateStore.find(c, id)
                  .orElseThrow(() -> new NotFoundException("template", Long.toString(id)));
          List<TemplateVersion> versions = TemplateStore.versions(c, id);
          return withVersions(t, versions.isEmpty() ? null : versions.get(0), versions);
        });
  }

  /** Every template with its current version's sources, by id. */
  public List<TemplateView> list() {
    return read(
        c -> {
          List<TemplateView> out = new ArrayList<>();
          for (TemplateView t : TemplateStore.list(c)) {
            out.add(
                withVersions(
                    t, TemplateStore.version(c, t.id(), t.currentVersion()).orElse(null), null));
          }
          return out;
        });
  }

  /** The version that is current now; {@link NotFoundException} if there is no such template. */
  public int currentVersion(long id) {
    return read(
        c ->
            TemplateStore.find(c, id)
                .orElseThrow(() -> new NotFoundException("template", Long.toString(id)))
                .currentVersion());
  }

  /** Version {@code version} of template {@code id}; {@link NotFoundException} if absent. */
  public TemplateVersion version(long id, int version) {
    return read(
        c ->
            TemplateStore.version(c, id, version)
                .orElseThrow(() -> new NotFoundException("template version", id + " v" + version)));
  }

  /** The id of the template with {@code key}, if any. */
  public Optional<Long> idOfKey(String key) {
    return read(c -> TemplateStore.idOfKey(c, key));
  }

  private static TemplateView withVersions(
      TemplateView t, TemplateVersion current, List<TemplateVersion> versions) {
    return new TemplateView(
        t.id(),
        t.key(),
        t.name(),
        t.currentVersion(),
        t.createdAt(),
        t.updatedAt(),
        current,
        versions);
  }

  /** The checked sources of {@code in}, or every problem found (with {@code errors} so far). */
  private static TemplateStore.Sources sources(TemplateInput in, List<FieldError> errors) {
    if (in.subject() == null || in.subject().isBlank() || in.subject().length() > MAX_SUBJECT) {
      errors.add(new FieldError("subject", "must be 1 to " + MAX_SUBJECT + " characters"));
    }
    if (in.html() == null || in.html().isBlank() || in.html().length() > MAX_BODY) {
      errors.add(new FieldError("html", "must be 1 to " + MAX_BODY + " characters"));
    }
    if (in.text() != null && in.text().length() > MAX_BODY) {
      errors.add(new FieldError("text", "must be at most " + MAX_BODY + " characters"));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors.size() + " invalid field(s)", errors);
    }
    List<FieldError> rejected = new ArrayList<>();
    rejected.addAll(TemplateChecker.problems(TemplateSandbox.Part.SUBJECT, in.subject()));
    rejected.addAll(TemplateChecker.problems(TemplateSandbox.Part.HTML, in.html()));
    String text = in.text() == null || in.text().isBlank() ? null : in.text();
    if (text != null) {
      rejected.addAll(TemplateChecker.problems(TemplateSandbox.Part.TEXT, text));
    }
    if (!rejected.isEmpty()) {
      throw new TemplateRejectedException(rejected);
    }
    return new TemplateStore.Sources(in.subject(), in.html(), text);
  }

  /** A read on one connection. */
  private interface Read<T> {
    T apply(Connection c) throws SQLException;
  }

  private <T> T read(Read<T> read) {
    return tx.executeRead(
        status -> {
          try {
            return read.apply(status.getConnection());
          } catch (SQLException e) {
            throw new IllegalStateException("Could not read templates", e);
          }
        });
  }
}
