package io.affinity.recommender.evaluation;

import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.core.importer.LineOutcome;
import io.affinity.core.progress.ProgressListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemporalSplitTest {
  private static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

  // InvoiceDate is London time; the split is 2011-09-01 00:00 in London (23:00 UTC the day
  // before, summer time): 23:30 on 31 August is training data, 00:30 on 1 September test data.
  private static final String CSV =
      HEADER
          + "1001,22222,MUG,2,2011-03-01 10:00,1.50,100,United Kingdom\n" // line 2: A train
          + "1001,33333,PLATE,1,2011-03-01 10:00,2.00,100,United Kingdom\n" // 3: A train
          + "1002,22222,MUG,1,2011-05-01 09:00,1.60,100,United Kingdom\n" // 4: A again
          + "C1003,33333,PLATE,-1,2011-06-01 09:00,2.00,100,United Kingdom\n" // 5: A return
          + "1004,44444,BOWL,3,2011-09-01 00:30,3.00,200,France\n" // 6: B test
          + "1005,44444,BOWL,1,2011-08-31 23:30,3.00,200,France\n" // 7: B train
          + "1006,POST,POSTAGE,1,2011-04-01 10:00,18.00,100,United Kingdom\n" // 8: non-product
          + "1007,55555,GIFT,1,2011-04-01 10:00,0,100,United Kingdom\n" // 9: zero price
          + "1008,66666,LAMP,1,2011-04-01 10:00,5.00,,United Kingdom\n" // 10: no customer
          + "1009,22222,MUG,1,2011-10-01 10:00,1.50,100,United Kingdom\n" // 11: A test, known
          + "1009,77777,CANDLE,1,2011-10-01 10:00,1.00,100,United Kingdom\n" // 12: A test, new
          + "1009,33333,PLATE,4,2011-10-01 10:00,2.00,100,United Kingdom\n" // 13: A test, known
          + "1010,22222,MUG,1,2011-10-02 10:00,1.50,300,Spain\n" // 14: C test only: cold
          + "1011,88888,VASE,1,2011-12-01 10:00,9.00,200,France\n"; // 15: B test, new

  @TempDir Path dir;

  private TemporalSplit split() throws IOException {
    Path file = dir.resolve("retail.csv");
    Files.writeString(file, CSV);
    return TemporalSplit.read(file, TemporalSplit.DEFAULT_SPLIT, ProgressListener.NONE);
  }

  @Test
  void theSplitIsMidnightInLondon() {
    assertThat(TemporalSplit.DEFAULT_SPLIT).isEqualTo(Instant.parse("2011-08-31T23:00:00Z"));
  }

  @Test
  void trainingHasTheCleanedPurchasesBeforeTheSplit() throws IOException {
    TemporalSplit split = split();

    assertThat(split.users()).isEqualTo(2);
    assertThat(split.userId(0)).isEqualTo("100");
    assertThat(split.userId(1)).isEqualTo("200");
    // catalogue = items bought in training, in order of code; postage, the zero-price gift and
    // the anonymous lamp are not items
    assertThat(split.catalogueSize()).isEqualTo(3);
    assertThat(IntStream.range(0, 3).mapToObj(split::itemId))
        .containsExactly("22222", "33333", "44444");
    assertThat(split.itemName(0)).isEqualTo("MUG");
    assertThat(split.itemPrice(0)).isEqualByComparingTo("1.50"); // the first purchase's price
    assertThat(split.bought(0)).containsExactly(0, 1);
    assertThat(split.bought(1)).containsExactly(2); // the bowl at 23:30 on 31 August
    assertThat(split.buyers(0)).isEqualTo(1);
    assertThat(split.buyers(2)).isEqualTo(1);

    // A's events, most recent first: the return (June), the mug (May), then the invoice of March
    // with its later line first
    assertThat(split.events(0)).containsExactly(TemporalSplit.RETURN, 0, 1, 0);
    assertThat(split.eventTimes(0)[0])
        .isEqualTo(Instant.parse("2011-06-01T08:00:00Z").toEpochMilli());
  }

  @Test
  void theTestPeriodGivesTheGroundTruthOfCustomersWithAHistory() throws IOException {
    TemporalSplit split = split();

    assertThat(split.testUsers()).containsExactly(0, 1);
    // items first sold in the test period get indexes after the catalogue
    assertThat(split.itemId(3)).isEqualTo("77777");
    assertThat(split.itemId(4)).isEqualTo("88888");
    assertThat(split.truth(0)).containsExactly(0, 1, 3);
    assertThat(split.truth(0, Mode.NEW_ITEMS)).containsExactly(3);
    assertThat(split.truth(1)).containsExactly(2, 4); // the bowl at 00:30 on 1 September
    assertThat(split.truth(1, Mode.NEW_ITEMS)).containsExactly(4);

    SplitSummary s = split.summary();
    assertThat(s.lines()).isEqualTo(14);
    assertThat(s.outcomes())
        .containsEntry(LineOutcome.PURCHASE, 10L)
        .containsEntry(LineOutcome.RETURN, 1L)
        .containsEntry(LineOutcome.NON_PRODUCT_CODE, 1L)
        .containsEntry(LineOutcome.ZERO_PRICE, 1L)
        .containsEntry(LineOutcome.NO_CUSTOMER, 1L);
    assertThat(s.trainingPurchaseLines()).isEqualTo(4);
    assertThat(s.testPurchaseLines()).isEqualTo(6);
    assertThat(s.trainingInteractions()).isEqualTo(3);
    assertThat(s.testUsers()).isEqualTo(2);
    assertThat(s.testUsersWithNewItems()).isEqualTo(2);
    assertThat(s.coldTestCustomers()).isEqualTo(1); // customer 300
    assertThat(s.testOnlyItems()).isEqualTo(2);
    assertThat(s.truthItems()).isEqualTo(5);
    assertThat(s.truthNewItems()).isEqualTo(2);
  }

  @Test
  void aTestEndDropsLaterPurchases() throws IOException {
    Path file = dir.resolve("retail.csv");
    Files.writeString(file, CSV);
    TemporalSplit split =
        TemporalSplit.read(
            file,
            TemporalSplit.DEFAULT_SPLIT,
            Instant.parse("2011-11-01T00:00:00Z"),
            ProgressListener.NONE);

    assertThat(split.truth(1)).containsExactly(2); // the December vase is gone
    assertThat(Arrays.stream(split.testUsers()).boxed()).containsExactly(0, 1);
    assertThat(split.summary().testOnlyItems()).isEqualTo(1);
  }
}
