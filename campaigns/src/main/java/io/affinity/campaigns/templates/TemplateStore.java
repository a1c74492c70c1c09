package io.affinity.campaigns.templates;

import io.affinity.core.error.NotFoundException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads and writes templates and their versions on a connection the caller's transaction owns. */
final class TemplateStore {
  private static final String TEMPLATE_COLUMNS =
      "id, template_key, name, current_version, created_at, updated_at";
  private static final String VERSION_COLUMNS =
      "template_id, version, subject, html, text_body, created_at";

  private TemplateStore() {}

  /** Whether a template has key {@code key}. */
  static Optional<Long> idOfKey(Connection c, String key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM templates WHERE template_key = ?")) {
      ps.setString(1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  /** Inserts a template at version 1 and returns its id. */
  static long insert(Connection c, String key, String name, Sources sources, long now)
      throws SQLException {
    long id;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO templates (template_key, name, current_version, created_at, updated_at)"
                + " VALUES (?, ?, 1, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, key);
      ps.setString(2, name);
      ps.setLong(3, now);
      ps.setLong(4, now);
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        id = keys.getLong(1);
      }
    }
    insertVersion(c, id, 1, sources, now);
    return id;
  }

  /** The three sources of a version. */
  record Sources(String subject, String html, String text) {}

  /**
   * Adds the next version of template {@code id}; the row lock taken by the update orders
   * concurrent saves. Returns the new version.
   *
   * @throws NotFoundException if there is no such template
   */
  static int addVersion(Connection c, long id, String name, Sources sources, long now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "UPDATE templates SET current_version = current_version + 1,"
                + " name = COALESCE(?, name), updated_at = ? WHERE id = ?")) {
      ps.setString(1, name);
      ps.setLong(2, now);
      ps.setLong(3, id);
      if (ps.executeUpdate() == 0) {
        throw new NotFoundException("template", Long.toString(id));
      }
    }
    int version;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT current_version FROM templates WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        version = rs.getInt(1);
      }
    }
    insertVersion(c, id, version, sources, now);
    return version;
  }

  private static void insertVersion(Connection c, long id, int version, Sources s, long now)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO template_versions (" + VERSION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
      ps.setLong(1, id);
      ps.setInt(2, version);
      ps.setString(3, s.subject());
      ps.setString(4, s.html());
      if (s.text() == null) {
        ps.setNull(5, Types.VARCHAR);
      } else {
        ps.setString(5, s.text());
      }
      ps.setLong(6, now);
      ps.executeUpdate();
    }
  }

  /** Template {@code id} without versions, if it exists. */
  static Optional<TemplateView> find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT " + TEMPLATE_COLUMNS + " FROM templates WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(view(rs)) : Optional.empty();
      }
    }
  }

  /** Every template, by id, without versions. */
  static List<TemplateView> list(Connection c) throws SQLException {
    List<TemplateView> out = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement("SELECT " + TEMPLATE_COLUMNS + " FROM templates ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(view(rs));
      }
    }
    return out;
  }

  /** Version {@code version} of template {@code id}, if it exists. */
  static Optional<TemplateVersion> version(Connection c, long id, int version) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + VERSION_COLUMNS
                + " FROM template_versions WHERE template_id = ? AND version = ?")) {
      ps.setLong(1, id);
      ps.setInt(2, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(version(rs)) : Optional.empty();
      }
    }
  }

  /** Every version of template {@code id}, newest first. */
  static List<TemplateVersion> versions(Connection c, long id) throws SQLException {
    List<TemplateVersion> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + VERSION_COLUMNS
                + " FROM template_versions WHERE template_id = ? ORDER BY version DESC")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(version(rs));
        }
      }
    }
    return out;
  }

  private static TemplateView view(ResultSet rs) throws SQLException {
    return new TemplateView(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        rs.getInt(4),
        Instant.ofEpochMilli(rs.getLong(5)),
        Instant.ofEpochMilli(rs.getLong(6)),
        null,
        null);
  }

  private static TemplateVersion version(ResultSet rs) throws SQLException {
    return new TemplateVersion(
        rs.getLong(1),
        rs.getInt(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        Instant.ofEpochMilli(rs.getLong(6)));
  }
}
