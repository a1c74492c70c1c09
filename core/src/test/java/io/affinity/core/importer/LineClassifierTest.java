package io.affinity.core.importer;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LineClassifierTest {
  private static RetailLine line(
      String invoice, String code, String quantity, String price, String customer) {
    return new RetailLine(
        7,
        invoice,
        code,
        "WHITE HANGING HEART T-LIGHT HOLDER",
        quantity,
        "2010-12-01 08:26",
        price,
        customer,
        "United Kingdom",
        true);
  }

  private static ClassifiedLine classify(
      String invoice, String code, String quantity, String price, String customer) {
    return LineClassifier.classify(line(invoice, code, quantity, price, customer));
  }

  @Test
  void aSaleWithACustomerIsAPurchase() {
    ClassifiedLine c = classify("536365", "85123A", "6", "2.55", "17850");

    assertThat(c.outcome()).isEqualTo(LineOutcome.PURCHASE);
    assertThat(c.lineNumber()).isEqualTo(7);
    assertThat(c.customerId()).isEqualTo("17850");
    assertThat(c.country()).isEqualTo("United Kingdom");
    assertThat(c.stockCode()).isEqualTo("85123A");
    assertThat(c.description()).isEqualTo("WHITE HANGING HEART T-LIGHT HOLDER");
    assertThat(c.invoiceNo()).isEqualTo("536365");
    assertThat(c.quantity()).isEqualTo(6);
    assertThat(c.unitPrice()).isEqualByComparingTo("2.55");
    assertThat(c.problem()).isNull();
  }

  @Test
  void invoiceDatesAreLondonTime() {
    // December: GMT, so the wall clock is UTC.
    assertThat(classify("536365", "85123A", "6", "2.55", "17850").time())
        .isEqualTo(Instant.parse("2010-12-01T08:26:00Z"));
    // June: BST, one hour ahead of UTC.
    RetailLine summer =
        new RetailLine(
            3,
            "556000",
            "22423",
            "CAKESTAND",
            "1",
            "2011-06-08 12:00",
            "12.75",
            "12347",
            "Iceland",
            true);
    assertThat(LineClassifier.classify(summer).time())
        .isEqualTo(Instant.parse("2011-06-08T11:00:00Z"));
  }

  @Test
  void aCancellationIsAReturnOfThePositiveQuantity() {
    ClassifiedLine c = classify("C536379", "22556", "-12", "1.65", "14527");

    assertThat(c.outcome()).isEqualTo(LineOutcome.RETURN);
    assertThat(c.quantity()).isEqualTo(12);
    assertThat(c.invoiceNo()).isEqualTo("C536379");
    assertThat(c.unitPrice()).isEqualByComparingTo("1.65");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "  "})
  void aLineWithoutCustomerIsSkippedAsNoCustomer(String customer) {
    ClassifiedLine c = classify("536544", "21773", "1", "2.51", customer);

    assertThat(c.outcome()).isEqualTo(LineOutcome.NO_CUSTOMER);
    assertThat(c.customerId()).isNull();
    assertThat(c.stockCode()).isNull();
  }

  @Test
  void noCustomerIsCheckedBeforeTheStockCodeAndThePrice() {
    assertThat(classify("536544", "POST", "1", "0", null).outcome())
        .isEqualTo(LineOutcome.NO_CUSTOMER);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "POST",
        "D",
        "M",
        "C2",
        "DOT",
        "BANK CHARGES",
        "AMAZONFEE",
        "CRUK",
        "PADS",
        "S",
        "B",
        "gift_0001_20",
        "2211",
        "221111",
        "A22423",
        "22423-1",
        "m"
      })
  void stockCodesThatAreNotFiveDigitsAndLettersAreNotProducts(String code) {
    ClassifiedLine c = classify("536370", code, "3", "18.00", "12583");

    assertThat(c.outcome()).isEqualTo(LineOutcome.NON_PRODUCT_CODE);
    // The customer is still reported, so that they are imported.
    assertThat(c.customerId()).isEqualTo("12583");
    assertThat(c.country()).isEqualTo("United Kingdom");
  }

  @ParameterizedTest
  @ValueSource(strings = {"22423", "85123A", "15056BL", "85184c", " 84029G "})
  void fiveDigitsOptionallyFollowedByLettersAreProducts(String code) {
    ClassifiedLine c = classify("536370", code, "3", "2.10", "12583");

    assertThat(c.outcome()).isEqualTo(LineOutcome.PURCHASE);
    assertThat(c.stockCode()).isEqualTo(code.strip().toUpperCase(Locale.ROOT));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "0.0", "0.00"})
  void aZeroPriceIsSkippedAsZeroPrice(String price) {
    ClassifiedLine c = classify("536414", "22139", "56", price, "13047");

    assertThat(c.outcome()).isEqualTo(LineOutcome.ZERO_PRICE);
    assertThat(c.customerId()).isEqualTo("13047");
  }

  @Test
  void aZeroPriceCancellationIsAZeroPriceNotAReturn() {
    assertThat(classify("C536414", "22139", "-56", "0", "13047").outcome())
        .isEqualTo(LineOutcome.ZERO_PRICE);
  }

  @Test
  void aNegativeQuantityOnASaleIsOther() {
    ClassifiedLine c = classify("536589", "21777", "-10", "4.25", "13047");

    assertThat(c.outcome()).isEqualTo(LineOutcome.OTHER);
    assertThat(c.problem()).contains("negative quantity -10");
    assertThat(c.customerId()).isEqualTo("13047");
  }

  @Test
  void aCancellationOfAPositiveQuantityIsOther() {
    ClassifiedLine c = classify("C536379", "22556", "12", "1.65", "14527");

    assertThat(c.outcome()).isEqualTo(LineOutcome.OTHER);
    assertThat(c.problem()).contains("positive quantity");
  }

  @Test
  void otherOdditiesAreOtherWithTheirReason() {
    assertThat(classify("536365", "85123A", "0", "2.55", "17850").problem())
        .contains("Quantity '0'");
    assertThat(classify("536365", "85123A", "six", "2.55", "17850").problem())
        .contains("Quantity 'six'");
    assertThat(classify("536365", "85123A", "6", "-2.55", "17850").problem()).contains("negative");
    assertThat(classify("536365", "85123A", "6", "2.555", "17850").problem())
        .contains("fractions of a penny");
    assertThat(classify("536365", "85123A", "6", "two", "17850").problem())
        .contains("not a number");
    assertThat(classify("A563185", "85123A", "1", "11062.06", "17850").problem())
        .contains("neither a sale nor a cancellation");
    assertThat(classify("536365", "85123A", "6", "2.55", "ABC").problem())
        .contains("CustomerID 'ABC'");
    RetailLine badDate =
        new RetailLine(
            4, "536365", "85123A", "X", "6", "01/12/2010 08:26", "2.55", "17850", "UK", true);
    assertThat(LineClassifier.classify(badDate).problem()).contains("InvoiceDate");
    assertThat(LineClassifier.classify(badDate).outcome()).isEqualTo(LineOutcome.OTHER);
  }

  @Test
  void aLineWithoutTheHeaderColumnsIsOther() {
    RetailLine shortLine =
        new RetailLine(9, "536365", "85123A", "X", "6", null, null, null, null, false);

    ClassifiedLine c = LineClassifier.classify(shortLine);

    assertThat(c.outcome()).isEqualTo(LineOutcome.OTHER);
    assertThat(c.problem()).contains("columns");
  }

  @Test
  void aCustomerIdWrittenAsADecimalIsTheWholeNumber() {
    assertThat(classify("536365", "85123A", "6", "2.55", "17850.0").customerId())
        .isEqualTo("17850");
  }

  @Test
  void trailingZerosOfAPriceAreFine() {
    assertThat(classify("536365", "85123A", "6", "2.5500", "17850").unitPrice())
        .isEqualByComparingTo(new BigDecimal("2.55"));
  }
}
