package io.affinity.campaigns.compose;

import freemarker.template.SimpleScalar;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModelException;
import freemarker.template.TemplateNumberModel;
import freemarker.template.TemplateScalarModel;
import io.affinity.campaigns.templates.TemplatesConfiguration;
import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code fmt} helpers templates format with: {@code fmt.price(x)} (a number in the configured
 * currency and locale), {@code fmt.date(x)} and {@code fmt.longDate(x)} (epoch millis or an ISO
 * date), {@code fmt.percent(x)} (15 gives "15%"). Each is a plain function of its arguments:
 * templates get formatting, not Java objects.
 */
public final class Formatters {
  private final Map<String, Object> helpers;

  public Formatters(TemplatesConfiguration config) {
    Locale locale = Locale.forLanguageTag(config.getLocale());
    Currency currency = Currency.getInstance(config.getCurrency());
    ZoneId zone = ZoneId.of(config.getTimeZone());
    DateTimeFormatter medium =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale).withZone(zone);
    DateTimeFormatter full =
        DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(zone);
    // NumberFormat is not thread-safe; one per thread.
    ThreadLocal<NumberFormat> money =
        ThreadLocal.withInitial(
            () -> {
              NumberFormat f = NumberFormat.getCurrencyInstance(locale);
              f.setCurrency(currency);
              return f;
            });
    this.helpers =
        Map.of(
            "price",
            method("price", args -> money.get().format(number("price", args))),
            "date",
            method("date", args -> medium.format(instant("date", args, zone))),
            "longDate",
            method("longDate", args -> full.format(instant("longDate", args, zone))),
            "percent",
            method(
                "percent",
                args ->
                    new BigDecimal(number("percent", args).toString())
                            .stripTrailingZeros()
                            .toPlainString()
                        + "%"));
  }

  /** The helpers, for the model's {@code fmt}. */
  public Map<String, Object> helpers() {
    return helpers;
  }

  private interface Body {
    String apply(List<?> args) throws TemplateModelException;
  }

  private static TemplateMethodModelEx method(String name, Body body) {
    return args -> {
      if (args.size() != 1) {
        throw new TemplateModelException("fmt." + name + " takes one argument");
      }
      return new SimpleScalar(body.apply(args));
    };
  }

  private static Number number(String name, List<?> args) throws TemplateModelException {
    if (args.get(0) instanceof TemplateNumberModel n) {
      return n.getAsNumber();
    }
    throw new TemplateModelException("fmt." + name + " needs a number");
  }

  private static Instant instant(String name, List<?> args, ZoneId zone)
      throws TemplateModelException {
    Object arg = args.get(0);
    if (arg instanceof TemplateNumberModel n) {
      return Instant.ofEpochMilli(n.getAsNumber().longValue());
    }
    if (arg instanceof TemplateScalarModel s) {
      try {
        return LocalDate.parse(s.getAsString()).atStartOfDay(zone).toInstant();
      } catch (DateTimeParseException e) {
        throw new TemplateModelException("fmt." + name + " needs an ISO date such as 2026-12-24");
      }
    }
    throw new TemplateModelException("fmt." + name + " needs epoch millis or an ISO date");
  }
}
