package io.affinity.core.value;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Stores and reads the {@link ValueParameters} of full runs in {@code customer_value_runs}. */
final class ValueRuns {
  private static final String INSERT =
      """
      INSERT INTO customer_value_runs (as_of, customers, buyers, recency_cuts, frequency_cuts,
        monetary_cuts, bgnbd_r, bgnbd_alpha, bgnbd_a, bgnbd_b, gg_p, gg_q, gg_gamma,
        started_at, finished_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      """;

  private static final String LATEST =
      """
      SELECT as_of, recency_cuts, frequency_cuts, monetary_cuts, bgnbd_r, bgnbd_alpha, bgnbd_a,
        bgnbd_b, gg_p, gg_q, gg_gamma
      FROM customer_value_runs ORDER BY id DESC LIMIT 1
      """;

  private ValueRuns() {}

  /** Records a run's parameters. */
  static void save(
      Connection c, ValueParameters p, int customers, int buyers, long startedAt, long finishedAt)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(INSERT)) {
      ps.setLong(1, p.asOf());
      ps.setInt(2, customers);
      ps.setInt(3, buyers);
      ps.setString(4, text(p.recency()));
      ps.setString(5, text(p.frequency()));
      ps.setString(6, text(p.monetary()));
      BgNbd bg = p.bgNbd();
      setDouble(ps, 7, bg == null ? null : bg.r());
      setDouble(ps, 8, bg == null ? null : bg.alpha());
      setDouble(ps, 9, bg == null ? null : bg.a());
      setDouble(ps, 10, bg == null ? null : bg.b());
      GammaGamma gg = p.gammaGamma();
      setDouble(ps, 11, gg == null ? null : gg.p());
      setDouble(ps, 12, gg == null ? null : gg.q());
      setDouble(ps, 13, gg == null ? null : gg.gamma());
      ps.setLong(14, startedAt);
      ps.setLong(15, finishedAt);
      ps.executeUpdate();
    }
  }

  /** The parameters of the latest full run, if there was one. */
  static Optional<ValueParameters> latest(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(LATEST);
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      Double r = (Double) rs.getObject(5, Double.class);
      BgNbd bg = r == null ? null : new BgNbd(r, rs.getDouble(6), rs.getDouble(7), rs.getDouble(8));
      Double p = (Double) rs.getObject(9, Double.class);
      GammaGamma gg = p == null ? null : new GammaGamma(p, rs.getDouble(10), rs.getDouble(11));
      return Optional.of(
          new ValueParameters(
              rs.getLong(1),
              quintiles(rs.getString(2)),
              quintiles(rs.getString(3)),
              quintiles(rs.getString(4)),
              bg,
              gg));
    }
  }

  private static String text(Quintiles q) {
    // Double.toString round-trips exactly, so a reread cut point scores exactly as before.
    return Arrays.stream(q.cuts()).mapToObj(Double::toString).collect(Collectors.joining(","));
  }

  private static Quintiles quintiles(String text) {
    return new Quintiles(Arrays.stream(text.split(",")).mapToDouble(Double::parseDouble).toArray());
  }

  private static void setDouble(PreparedStatement ps, int index, Double value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }
}
