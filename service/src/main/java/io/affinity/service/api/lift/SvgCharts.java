package io.affinity.service.api.lift;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/**
 * Draws the report's charts as inline SVG: no script, no CDN, nothing fetched, so the page works
 * offline and in a mail client. Every text is escaped; numbers are formatted by the caller.
 */
final class SvgCharts {
  private static final int BAR_W = 360;
  private static final int BAR_H = 240;
  private static final int LINE_W = 600;
  private static final int LINE_H = 260;
  private static final int LEFT = 64;
  private static final int BOTTOM = 36;
  private static final int TOP = 28;

  /** A bar with its 95% interval (null bounds: no whisker). */
  record Bar(String label, double value, Double low, Double high, String colour) {}

  /** A line of points, one per day. */
  record Series(String label, double[] values, String colour) {}

  private SvgCharts() {}

  /** Vertical bars from zero with error bars for their intervals. */
  static String bars(String title, List<Bar> bars, DoubleFunction<String> format) {
    double max = 0;
    for (Bar b : bars) {
      max = Math.max(max, Math.max(b.value(), b.high() == null ? 0 : b.high()));
    }
    max = max <= 0 ? 1 : max * 1.1;
    int plotH = BAR_H - TOP - BOTTOM;
    int plotW = BAR_W - LEFT - 16;
    StringBuilder s = open(BAR_W, BAR_H, title);
    axis(s, plotW, plotH, max, format);
    int slot = plotW / Math.max(1, bars.size());
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      int x = LEFT + i * slot + slot / 4;
      int w = slot / 2;
      double top = y(b.value(), max, plotH);
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%.1f\" width=\"%d\" height=\"%.1f\" fill=\"%s\"><title>%s: %s</title></rect>",
              x,
              top,
              w,
              TOP + plotH - top,
              b.colour(),
              esc(b.label()),
              esc(format.apply(b.value()))));
      if (b.low() != null && b.high() != null) {
        double lo = y(Math.max(0, b.low()), max, plotH);
        double hi = y(b.high(), max, plotH);
        int cx = x + w / 2;
        s.append(
            String.format(
                Locale.ROOT,
                "<g stroke=\"#222\" stroke-width=\"1.5\"><line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                    + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/>"
                    + "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\"/></g>",
                cx,
                lo,
                cx,
                hi,
                cx - 8,
                lo,
                cx + 8,
                lo,
                cx - 8,
                hi,
                cx + 8,
                hi));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">%s</text>",
              x + w / 2,
              BAR_H - BOTTOM + 16,
              esc(b.label())));
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%d\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"11\">%s</text>",
              x + w / 2,
              Math.max(TOP + 10, top - 4),
              esc(format.apply(b.value()))));
    }
    return s.append("</svg>").toString();
  }

  /** Lines over the days of the window, day 1 first. */
  static String lines(String title, List<Series> series, DoubleFunction<String> format) {
    int days = 1;
    double max = 0;
    for (Series l : series) {
      days = Math.max(days, l.values().length);
      for (double v : l.values()) {
        max = Math.max(max, v);
      }
    }
    max = max <= 0 ? 1 : max * 1.1;
    int plotH = LINE_H - TOP - BOTTOM;
    int plotW = LINE_W - LEFT - 100;
    StringBuilder s = open(LINE_W, LINE_H, title);
    axis(s, plotW, plotH, max, format);
    double step = days == 1 ? 0 : (double) plotW / (days - 1);
    int labelEvery = Math.max(1, days / 10);
    for (int d = 0; d < days; d += labelEvery) {
      s.append(
          String.format(
              Locale.ROOT,
              "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">%d</text>",
              LEFT + d * step,
              LINE_H - BOTTOM + 14,
              d + 1));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" font-size=\"11\">day of the window</text>",
            LEFT + plotW / 2,
            LINE_H - 4));
    for (int i = 0; i < series.size(); i++) {
      Series l = series.get(i);
      StringBuilder points = new StringBuilder();
      for (int d = 0; d < l.values().length; d++) {
        points.append(
            String.format(
                Locale.ROOT, "%.1f,%.1f ", LEFT + d * step, y(l.values()[d], max, plotH)));
      }
      s.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" points=\"%s\"><title>%s</title></polyline>",
              l.colour(),
              points.toString().trim(),
              esc(l.label())));
      s.append(
          String.format(
              Locale.ROOT,
              "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>"
                  + "<text x=\"%d\" y=\"%d\">%s</text>",
              LEFT + plotW + 14,
              TOP + i * 20,
              l.colour(),
              LEFT + plotW + 30,
              TOP + i * 20 + 11,
              esc(l.label())));
    }
    return s.append("</svg>").toString();
  }

  private static StringBuilder open(int w, int h, String title) {
    return new StringBuilder()
        .append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                    + " role=\"img\" aria-label=\"%s\" font-family=\"sans-serif\" font-size=\"12\">"
                    + "<title>%s</title>"
                    + "<text x=\"%d\" y=\"16\" font-weight=\"bold\">%s</text>",
                w,
                h,
                w,
                h,
                esc(title),
                esc(title),
                LEFT,
                esc(title)));
  }

  private static void axis(
      StringBuilder s, int plotW, int plotH, double max, DoubleFunction<String> format) {
    for (int i = 0; i <= 4; i++) {
      double v = max * i / 4;
      double y = y(v, max, plotH);
      s.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>"
                  + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" font-size=\"11\">%s</text>",
              LEFT,
              y,
              LEFT + plotW,
              y,
              LEFT - 6,
              y + 4,
              esc(format.apply(v))));
    }
  }

  private static double y(double v, double max, int plotH) {
    return TOP + plotH - (v / max) * plotH;
  }

  /** {@code text} safe inside SVG text and attributes. */
  static String esc(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
