package io.affinity.campaigns.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.campaigns.templates.TemplateInput;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.tracking.TokenSigner;
import io.affinity.campaigns.tracking.TrackingToken;
import io.affinity.core.error.NotFoundException;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticShopLoader;
import io.affinity.recommender.model.ModelTrainer;
import io.affinity.recommender.serving.HistoryReader;
import io.affinity.recommender.serving.Recommendation;
import io.affinity.recommender.serving.Recommender;
import io.affinity.recommender.serving.Rules;
import io.affinity.recommender.training.Signal;
import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The composer on a synthetic shop with a trained model: each message carries that customer's own
 * recommendations, signed links naming its campaign, recipient, item and slot, and the shipped
 * templates all render against the real model.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Property(name = "affinity.data-dir", value = "target/test-data")
@Property(name = "affinity.templates.defaults-dir", value = "../templates")
@Property(name = "affinity.tracking.base-url", value = "https://mail.example.test")
class ComposerTest {
  private static final Pattern CLICK =
      Pattern.compile("https://mail\\.example\\.test/t/c/([A-Za-z0-9_.-]+)");

  @Inject SyntheticShopLoader loader;
  @Inject ModelTrainer trainer;
  @Inject MessageComposer composer;
  @Inject MessagePreview preview;
  @Inject TemplateService templates;
  @Inject HistoryReader histories;
  @Inject Recommender recommender;
  @Inject TokenSigner signer;
  @Inject TransactionOperations<Connection> tx;

  private String prefix;
  private long newsletter;
  private Recipients recipients;

  @BeforeAll
  void loadShopAndTrain() {
    prefix = "cp" + UUID.randomUUID().toString().substring(0, 6) + "-";
    loader.load(ShopSpec.of(300, 80, 15_000, 3).withIdPrefix(prefix), ProgressListener.NONE);
    trainer.train(ProgressListener.NONE);
    newsletter = templates.idOfKey("recommendations-newsletter").orElseThrow();
    recipients = new Recipients(tx);
  }

  /** What "recommended for you" says for {@code customer}, as the API computes it. */
  private List<Recommendation> expected(String customer) {
    HistoryReader.CustomerHistory h = histories.of(customer);
    return recommender
        .recommend(h.recent(), EnumSet.allOf(Signal.class), Rules.defaults(), h.bought(), 6)
        .items();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;")
        .replace("'", "&#39;");
  }

  private List<TrackingToken> clickTokens(String html) {
    List<TrackingToken> tokens = new ArrayList<>();
    Matcher m = CLICK.matcher(html);
    while (m.find()) {
      tokens.add(signer.verify(m.group(1)).orElseThrow(() -> new AssertionError("unsigned link")));
    }
    return tokens;
  }

  @Test
  void eachMessageCarriesItsOwnRecommendationsWithSignedLinks() {
    long campaign = recipients.campaign("compose " + prefix);
    int different = 0;
    List<String> previousItems = null;
    for (int c = 0; c < 5; c++) {
      String customer = prefix + "c" + (c * 7);
      List<Recommendation> recs = expected(customer);
      assertThat(recs).isNotEmpty();
      long recipient = recipients.recipient(campaign, customer, 0);
      ComposedMessage m =
          composer.compose(
              new RecipientContext(
                  campaign, recipient, recipients.customerId(customer), "A", newsletter, 1));
      for (Recommendation r : recs) {
        assertThat(m.html()).contains(escape(r.name()));
        assertThat(m.text()).contains(r.name());
      }
      List<TrackingToken> clicks = clickTokens(m.html());
      assertThat(clicks)
          .extracting(TrackingToken::itemId)
          .containsExactlyElementsOf(recs.stream().map(Recommendation::itemId).toList());
      assertThat(clicks)
          .allMatch(t -> t.campaignId() == campaign && t.recipientId() == recipient)
          .extracting(TrackingToken::slot)
          .startsWith("rec1", "rec2");
      assertThat(
              signer.verify(m.unsubscribeUrl().substring(m.unsubscribeUrl().lastIndexOf('/') + 1)))
          .hasValueSatisfying(
              t -> {
                assertThat(t.purpose()).isEqualTo(TrackingToken.Purpose.UNSUBSCRIBE);
                assertThat(t.recipientId()).isEqualTo(recipient);
              });
      assertThat(m.html()).contains("/t/o/").contains(escape(m.unsubscribeUrl()));
      assertThat(m.to()).endsWith("@example.com");
      assertThat(m.subject()).endsWith("picked for you this week").doesNotContain("\n");
      List<String> items = recs.stream().map(Recommendation::itemId).toList();
      if (previousItems != null && !previousItems.equals(items)) {
        different++;
      }
      previousItems = items;
    }
    assertThat(different).as("customers get different lists").isGreaterThan(0);
  }

  @Test
  void aBatchComposesTheSameMessagesAsOneByOne() {
    long campaign = recipients.campaign("batch " + prefix);
    List<RecipientContext> batch = new ArrayList<>();
    for (int c = 0; c < 40; c++) {
      String customer = prefix + "c" + (c * 7);
      long recipient = recipients.recipient(campaign, customer, 0);
      batch.add(
          new RecipientContext(
              campaign, recipient, recipients.customerId(customer), "A", newsletter, 1));
    }
    MessageComposer forBatch = composer.forBatch(batch);
    for (RecipientContext r : batch) {
      ComposedMessage one = composer.compose(r);
      ComposedMessage batched = forBatch.compose(r);
      assertThat(batched.to()).isEqualTo(one.to());
      assertThat(batched.subject()).isEqualTo(one.subject());
      assertThat(clickTokens(batched.html()))
          .extracting(TrackingToken::itemId, TrackingToken::slot)
          .containsExactlyElementsOf(
              clickTokens(one.html()).stream()
                  .map(t -> org.assertj.core.groups.Tuple.tuple(t.itemId(), t.slot()))
                  .toList());
    }
  }

  @Test
  void historiesReadTogetherEqualThoseReadOneByOne() {
    List<String> customers = new ArrayList<>();
    for (int c = 0; c < 60; c++) {
      customers.add(prefix + "c" + (c * 5));
    }
    java.util.Map<Long, HistoryReader.CustomerHistory> together =
        histories.ofCustomerIds(customers.stream().map(recipients::customerId).toList());
    assertThat(together).hasSize(customers.size());
    for (String customer : customers) {
      HistoryReader.CustomerHistory one = histories.of(customer);
      HistoryReader.CustomerHistory batched = together.get(recipients.customerId(customer));
      assertThat(batched.bought()).isEqualTo(one.bought());
      for (Signal s : Signal.values()) {
        assertThat(batched.recent().of(s)).containsExactlyElementsOf(one.recent().of(s));
        for (String item : one.recent().of(s)) {
          assertThat(batched.recent().count(s, item)).isEqualTo(one.recent().count(s, item));
        }
      }
    }
  }

  @Test
  void everyShippedTemplateRendersForARealCustomer() {
    String customer = prefix + "c3";
    for (String key :
        List.of(
            "cross-sell-offer",
            "upsell-offer",
            "win-back",
            "recommendations-newsletter",
            "household-picks")) {
      long id = templates.idOfKey(key).orElseThrow();
      PreviewResult p = preview.preview(id, null, customer);
      assertThat(p.subject()).as(key).isNotBlank();
      assertThat(p.html()).as(key).contains("</html>").contains("?preview=1");
      assertThat(p.text()).as(key).isNotBlank().doesNotContain("<a ");
    }
    // Outside a trigger there is no trigger item: the cross-sell template says what it always said.
    PreviewResult cross =
        preview.preview(templates.idOfKey("cross-sell-offer").orElseThrow(), null, customer);
    assertThat(cross.subject()).startsWith("Goes well with what you bought");
    assertThat(cross.html())
        .contains("Customers who bought what you bought also chose these.")
        .doesNotContain("just bought");
  }

  @Test
  void aMessageWithSeveralBlocksShowsNoProductTwice() {
    long id =
        templates
            .create(
                new TemplateInput(
                    "blocks-" + prefix,
                    "Blocks",
                    "All blocks",
                    "<#list recommendations as i><a href=\"${i.url}\">${i.name}</a></#list>"
                        + "<#list householdRecommendations as i><a href=\"${i.url}\">x</a></#list>"
                        + "<#list offers.crossSell as i><a href=\"${i.url}\">x</a></#list>"
                        + "<#list offers.upsell as i><a href=\"${i.url}\">x</a></#list>",
                    null))
            .id();
    long campaign = recipients.campaign("blocks " + prefix);
    int checked = 0;
    for (String[] member : householdMembers()) {
      String customer = member[0];
      // Computed block by block, as before, the customer's own list and the household's share
      // items: the message must show each of them once.
      List<String> own = expected(customer).stream().map(Recommendation::itemId).toList();
      HistoryReader.CustomerHistory home = histories.ofHousehold(member[1]);
      List<String> shared =
          recommender
              .recommend(
                  home.recent(), EnumSet.allOf(Signal.class), Rules.defaults(), home.bought(), 6)
              .items()
              .stream()
              .map(Recommendation::itemId)
              .toList();
      if (own.stream().noneMatch(shared::contains)) {
        continue;
      }
      long recipient = recipients.recipient(campaign, customer, 0);
      ComposedMessage m =
          composer.compose(
              new RecipientContext(
                  campaign, recipient, recipients.customerId(customer), "A", id, 1));
      List<TrackingToken> clicks = clickTokens(m.html());
      java.util.Set<String> blocks = new java.util.HashSet<>();
      clicks.forEach(t -> blocks.add(t.slot().replaceAll("[0-9]+$", "")));
      if (blocks.size() < 3) {
        continue;
      }
      assertThat(clicks)
          .extracting(TrackingToken::itemId)
          .as("items of %s in blocks %s", customer, blocks)
          .doesNotHaveDuplicates();
      // Each list is still full: what an earlier block holds is replaced, not just dropped.
      assertThat(clicks).filteredOn(t -> t.slot().startsWith("rec")).hasSize(own.size());
      checked++;
    }
    assertThat(checked).as("messages with three blocks and overlapping lists").isGreaterThan(2);
  }

  /** Customers of the shop who share a household: {shop id, household's shop id}. */
  private List<String[]> householdMembers() {
    return tx.executeRead(
        status -> {
          try (java.sql.PreparedStatement ps =
              status
                  .getConnection()
                  .prepareStatement(
                      "SELECT c.external_id, h.external_id FROM customers c JOIN households h"
                          + " ON h.id = c.household_id WHERE c.external_id LIKE ?"
                          + " ORDER BY c.id LIMIT 40")) {
            ps.setString(1, prefix + "%");
            List<String[]> out = new ArrayList<>();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(new String[] {rs.getString(1), rs.getString(2)});
              }
            }
            return out;
          } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
          }
        });
  }

  @Test
  void previewLinksAreMarkedAndCarryNoCampaign() {
    String customer = prefix + "c5";
    PreviewResult p = preview.preview(newsletter, null, customer);
    List<TrackingToken> clicks = clickTokens(p.html());
    assertThat(clicks).isNotEmpty().allMatch(TrackingToken::isPreview);
    assertThat(p.html()).contains(escape(expected(customer).get(0).name()));
  }

  @Test
  void aTemplateIsRenderedAtItsPinnedVersion() {
    long id =
        templates
            .create(
                new TemplateInput(
                    "pin-" + prefix, "Pinned", "v1 for ${customer.firstName}", "<p>one</p>", null))
            .id();
    templates.update(id, new TemplateInput(null, null, "v2", "<p>two</p>", null));
    long campaign = recipients.campaign("pin " + prefix);
    String customer = prefix + "c1";
    long recipient = recipients.recipient(campaign, customer, 0);
    long customerId = recipients.customerId(customer);
    ComposedMessage v1 =
        composer.compose(new RecipientContext(campaign, recipient, customerId, "A", id, 1));
    assertThat(v1.html()).isEqualTo("<p>one</p>");
    assertThat(v1.subject()).startsWith("v1 for ");
    assertThat(v1.text()).isEqualTo("one\n");
    assertThat(composer.currentVersion(id)).isEqualTo(2);
    assertThatThrownBy(
            () ->
                composer.compose(new RecipientContext(campaign, recipient, customerId, "A", id, 3)))
        .isInstanceOf(NotFoundException.class);
    assertThatThrownBy(
            () ->
                composer.compose(
                    new RecipientContext(campaign, recipient, Long.MAX_VALUE, "A", id, 1)))
        .isInstanceOf(NotFoundException.class);
  }
}
