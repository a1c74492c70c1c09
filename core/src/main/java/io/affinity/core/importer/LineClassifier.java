package io.affinity.core.importer;

import io.micronaut.core.annotation.Nullable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The cleaning rules of the Online Retail import: decides for each line whether it is a purchase, a
 * return or skipped, and why. A pure function of the line.
 *
 * <p>The checks run in this order and the first that matches decides:
 *
 * <ol>
 *   <li>a line without the columns of the header is {@link LineOutcome#OTHER};
 *   <li>a line without CustomerID is {@link LineOutcome#NO_CUSTOMER}; a CustomerID that is not a
 *       whole number is {@link LineOutcome#OTHER};
 *   <li>a stock code that is not a {@link #isProductCode product code} is {@link
 *       LineOutcome#NON_PRODUCT_CODE};
 *   <li>UnitPrice 0 is {@link LineOutcome#ZERO_PRICE};
 *   <li>an InvoiceNo starting with {@code C} and a negative Quantity is a cancellation: a {@link
 *       LineOutcome#RETURN} of the positive quantity;
 *   <li>a numeric InvoiceNo and a positive Quantity is a {@link LineOutcome#PURCHASE};
 *   <li>anything else is {@link LineOutcome#OTHER}: an unreadable number or date, a negative price,
 *       a price with fractions of a penny, a zero quantity, a negative quantity on a sale, a
 *       positive one on a cancellation, an invoice that is neither.
 * </ol>
 *
 * <p>Stock codes are upper-cased: the file writes some codes both ways ({@code 85184C} and {@code
 * 85184c}) for the same item, and MariaDB's default collation would treat them as one id anyway.
 */
public final class LineClassifier {
  /**
   * A product's stock code: five digits, optionally followed by letters for a variant ({@code
   * 22423}, {@code 85123A}, {@code 15056BL}). Everything else in the file is postage ({@code POST},
   * {@code DOT}, {@code C2}), fees ({@code BANK CHARGES}, {@code AMAZONFEE}, {@code CRUK}),
   * discounts and manual corrections ({@code D}, {@code M}, {@code S}, {@code B}, {@code PADS}) or
   * vouchers ({@code gift_0001_20}).
   */
  public static final Pattern PRODUCT_CODE = Pattern.compile("[0-9]{5}[A-Z]*");

  /** The time zone of InvoiceDate: the shop is in the UK. */
  public static final ZoneId ZONE = ZoneId.of("Europe/London");

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);
  // R writes whole numbers of a numeric column as "17850" but some exports say "17850.0".
  private static final Pattern CUSTOMER_ID = Pattern.compile("([0-9]{1,18})(\\.0+)?");

  private LineClassifier() {}

  /** Whether {@code stockCode} (already upper-cased) names a product; see {@link #PRODUCT_CODE}. */
  public static boolean isProductCode(String stockCode) {
    return PRODUCT_CODE.matcher(stockCode).matches();
  }

  /** What {@code line} becomes; never throws on bad content. */
  public static ClassifiedLine classify(RetailLine line) {
    if (!line.wellFormed()) {
      return ClassifiedLine.skipped(
          LineOutcome.OTHER, line, null, null, "the line does not have the columns of the header");
    }
    String rawCustomer = trimToNull(line.customerId());
    if (rawCustomer == null) {
      return ClassifiedLine.skipped(LineOutcome.NO_CUSTOMER, line, null, null, null);
    }
    var customerMatch = CUSTOMER_ID.matcher(rawCustomer);
    if (!customerMatch.matches()) {
      return ClassifiedLine.skipped(
          LineOutcome.OTHER,
          line,
          null,
          null,
          "CustomerID '" + rawCustomer + "' is not a whole number");
    }
    String customer = customerMatch.group(1);
    String country = trimToNull(line.country());

    String code = trimToNull(line.stockCode());
    code = code == null ? "" : code.toUpperCase(Locale.ROOT);
    if (!isProductCode(code)) {
      return ClassifiedLine.skipped(LineOutcome.NON_PRODUCT_CODE, line, customer, country, null);
    }

    BigDecimal price = decimal(line.unitPrice());
    if (price == null) {
      return other(line, customer, country, "UnitPrice '" + line.unitPrice() + "' is not a number");
    }
    if (price.signum() == 0) {
      return ClassifiedLine.skipped(LineOutcome.ZERO_PRICE, line, customer, country, null);
    }
    if (price.signum() < 0) {
      return other(line, customer, country, "UnitPrice " + price + " is negative");
    }
    if (price.stripTrailingZeros().scale() > 2) {
      return other(line, customer, country, "UnitPrice " + price + " has fractions of a penny");
    }

    Integer quantity = integer(line.quantity());
    if (quantity == null || quantity == 0 || quantity == Integer.MIN_VALUE) {
      return other(line, customer, country, "Quantity '" + line.quantity() + "' is not usable");
    }
    Instant time = time(line.invoiceDate());
    if (time == null) {
      return other(
          line, customer, country, "InvoiceDate '" + line.invoiceDate() + "' is not a date");
    }

    String invoice = trimToNull(line.invoiceNo());
    LineOutcome outcome;
    if (invoice == null) {
      return other(line, customer, country, "InvoiceNo is missing");
    } else if (invoice.startsWith("C")) {
      if (quantity > 0) {
        return other(
            line, customer, country, "cancellation " + invoice + " of a positive quantity");
      }
      outcome = LineOutcome.RETURN;
    } else if (Character.isDigit(invoice.charAt(0))) {
      if (quantity < 0) {
        return other(
            line, customer, country, "negative quantity " + quantity + " on sale " + invoice);
      }
      outcome = LineOutcome.PURCHASE;
    } else {
      return other(
          line,
          customer,
          country,
          "InvoiceNo " + invoice + " is neither a sale nor a cancellation");
    }
    return new ClassifiedLine(
        outcome,
        line.lineNumber(),
        customer,
        country,
        code,
        trimToNull(line.description()),
        invoice,
        Math.abs(quantity),
        price,
        time,
        null);
  }

  private static ClassifiedLine other(
      RetailLine line, String customer, @Nullable String country, String problem) {
    return ClassifiedLine.skipped(LineOutcome.OTHER, line, customer, country, problem);
  }

  @Nullable
  private static BigDecimal decimal(@Nullable String text) {
    String s = trimToNull(text);
    if (s == null) {
      return null;
    }
    try {
      return new BigDecimal(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Nullable
  private static Integer integer(@Nullable String text) {
    String s = trimToNull(text);
    if (s == null) {
      return null;
    }
    try {
      return Integer.valueOf(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  @Nullable
  private static Instant time(@Nullable String text) {
    String s = trimToNull(text);
    if (s == null) {
      return null;
    }
    try {
      // In the autumn hour that occurs twice the earlier offset is taken; in the spring gap the
      // time moves forward by the gap. The shop did not trade at 1 a.m., so neither happens.
      return LocalDateTime.parse(s, DATE).atZone(ZONE).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Nullable
  private static String trimToNull(@Nullable String s) {
    if (s == null) {
      return null;
    }
    String t = s.strip();
    return t.isEmpty() ? null : t;
  }
}
