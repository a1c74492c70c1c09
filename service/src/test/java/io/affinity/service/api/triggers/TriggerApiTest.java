package io.affinity.service.api.triggers;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.affinity.campaigns.templates.TemplateService;
import io.affinity.campaigns.tracking.TrackingToken;
import io.affinity.core.progress.ProgressListener;
import io.affinity.core.synthetic.CategoryPair;
import io.affinity.core.synthetic.PlantedStructure;
import io.affinity.core.synthetic.ShopSpec;
import io.affinity.core.synthetic.SyntheticProduct;
import io.affinity.core.synthetic.SyntheticShop;
import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The trigger API end to end: a household is sent to us over the ingest API, a trigger created over
 * the marketing API with the shipped cross-sell template, a member's purchase posted as an event;
 * the scheduled evaluation and delivery send exactly one message, to the other member; the
 * trigger's lift report answers. A member without history is offered what goes with the product the
 * other member bought (a planted complement of the synthetic shop). Bad input is a problem document
 * naming the field.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TriggerApiTest extends ApiTestBase implements TestPropertyProvider {
  private static final Pattern CLICK = Pattern.compile("/t/c/([A-Za-z0-9_.-]+)");
  private final int port = freePort();
  private final GreenMail smtp = new GreenMail(new ServerSetup(port, "127.0.0.1", "smtp"));
  @Inject TemplateService templates;
  @Inject io.affinity.campaigns.campaign.Transactions tx;
  @Inject io.affinity.core.synthetic.SyntheticShopLoader shops;
  @Inject io.affinity.recommender.model.ModelTrainer trainer;
  @Inject io.affinity.campaigns.tracking.TokenSigner signer;
  @Inject io.affinity.campaigns.templates.TemplatesConfiguration templateConfig;
  @Inject io.affinity.campaigns.sensitive.SensitiveCategories sensitive;

  private PlantedStructure planted;

  TriggerApiTest() {
    smtp.start();
  }

  @Override
  public Map<String, String> getProperties() {
    return Map.of(
        "affinity.mail.host", "127.0.0.1",
        "affinity.mail.port", String.valueOf(port),
        "affinity.mail.poll-interval", "100ms",
        "affinity.triggers.poll-interval", "200ms");
  }

  @AfterAll
  void stopSmtp() {
    smtp.stop();
  }

  /** The cross-sell template renders offers: a model must exist (a small synthetic shop's). */
  @BeforeAll
  void loadShopAndTrain() {
    ShopSpec spec =
        ShopSpec.of(300, 80, 15_000, 3)
            .withIdPrefix("tr" + UUID.randomUUID().toString().substring(0, 6) + "-");
    shops.load(spec, ProgressListener.NONE);
    planted = SyntheticShop.generate(spec).planted();
    trainer.train(ProgressListener.NONE);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMembersPurchaseSendsOneMessageToTheOtherMember() throws Exception {
    String household = "h-" + run;
    assertThat(
            api.put("/api/households/" + household, "{\"name\":\"Home " + run + "\"}", INGEST)
                .status())
        .isEqualTo(200);
    for (String member : List.of("buyer", "other")) {
      Reply r =
          api.put(
              "/api/customers/" + member + "-" + run,
              "{\"email\":\""
                  + member
                  + "-"
                  + run
                  + "@test.example\",\"householdId\":\""
                  + household
                  + "\",\"emailConsent\":true,\"consentSource\":\"signup\"}",
              INGEST);
      assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    }
    String category = "Garden" + run;
    assertThat(
            api.put(
                    "/api/products/p-" + run,
                    "{\"name\":\"Spade\",\"categoryPath\":\""
                        + category
                        + "/Tools\",\"price\":12.5}",
                    INGEST)
                .status())
        .isEqualTo(200);
    long template = templates.idOfKey("cross-sell-offer").orElseThrow();
    Reply created =
        api.post(
            "/api/triggers",
            "{\"name\":\"garden "
                + run
                + "\",\"categoryPrefix\":\""
                + category
                + "\",\"templateId\":"
                + template
                + ",\"fromAddress\":\"shop@shop.example\",\"holdoutPercent\":0}",
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    Number id = (Number) created.json().get("id");
    assertThat(created.json())
        .containsEntry("status", "active")
        .containsEntry("audience", "others")
        .containsEntry("includeBuyer", false)
        .containsEntry("householdCap", 1)
        .containsEntry("householdCapDays", 30);
    assertThat(api.get("/api/triggers/" + id, MARKETING).json())
        .containsEntry("name", "garden " + run);
    assertThat((List<Object>) api.get("/api/triggers", MARKETING).body())
        .anyMatch(t -> ((Map<String, Object>) t).get("id").equals(id));

    // Two lines of one order, and a second order: one firing, one message.
    for (String line : List.of("1", "2", "3")) {
      Reply r =
          api.post(
              "/api/events",
              "{\"eventId\":\"e-"
                  + run
                  + "-"
                  + line
                  + "\",\"type\":\"purchase\",\"customerId\":\"buyer-"
                  + run
                  + "\",\"productId\":\"p-"
                  + run
                  + "\",\"orderId\":\"o-"
                  + run
                  + (line.equals("3") ? "b" : "a")
                  + "\",\"quantity\":1,\"unitPrice\":12.5,\"time\":\""
                  + Instant.now()
                  + "\"}",
              INGEST);
      assertThat(r.status()).as("%s", r.body()).isLessThan(300);
    }

    String other = "other-" + run + "@test.example";
    long until = System.currentTimeMillis() + 60_000;
    while (received(other).isEmpty() && System.currentTimeMillis() < until) {
      Thread.sleep(200);
    }
    Thread.sleep(1_500); // anything extra would arrive now
    assertThat(received(other))
        .as(
            "firings %s, recipients %s",
            rows("SELECT * FROM trigger_firings WHERE trigger_id = ?", id),
            rows(
                "SELECT r.*, cu.household_id FROM campaign_recipients r JOIN trigger_campaigns t"
                    + " ON t.campaign_id = r.campaign_id JOIN customers cu"
                    + " ON cu.id = r.customer_id WHERE t.trigger_id = ?",
                id))
        .hasSize(1);
    assertThat(received("buyer-" + run + "@test.example")).isEmpty();
    // The shipped template does not tell the other member what was bought, nor by whom.
    assertThat(received(other).get(0).getSubject()).startsWith("Picked for your home");
    assertThat(html(received(other).get(0)))
        .contains("Picked for your home")
        .doesNotContain("Spade")
        .doesNotContain("buyer-" + run);

    Reply lift = api.get("/api/triggers/" + id + "/lift", MARKETING);
    assertThat(lift.status()).as("%s", lift.body()).isEqualTo(200);
    Map<String, Object> campaign = (Map<String, Object>) lift.json().get("campaign");
    assertThat(campaign).containsEntry("kind", "trigger").containsEntry("id", id);
    Map<String, Object> treatment =
        (Map<String, Object>) ((Map<String, Object>) lift.json().get("overall")).get("treatment");
    assertThat(treatment).containsEntry("recipients", 1);

    Reply paused = api.post("/api/triggers/" + id + "/pause", "", MARKETING);
    assertThat(paused.json()).containsEntry("status", "paused");
    assertProblem(api.put("/api/triggers/" + id + "/pause", "", MARKETING), 409);
    assertThat(api.put("/api/triggers/" + id + "/resume", "", MARKETING).json())
        .containsEntry("status", "active");
    api.post("/api/triggers/" + id + "/pause", "", MARKETING);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aMemberWithoutHistoryIsOfferedWhatGoesWithTheOtherMembersPurchase() throws Exception {
    // A product of a planted pair whose item offers (GET /api/offers/items/{id}) lead with the
    // planted complement.
    int limit = templateConfig.getOffers();
    SyntheticProduct anchor = null;
    List<String> expected = null;
    CategoryPair pair = null;
    for (CategoryPair p : planted.complementaryPairs()) {
      if (sensitive.isSensitive(p.from()) || sensitive.isSensitive(p.to())) {
        continue; // a sensitive purchase fires nothing, a sensitive offer is left out
      }
      SyntheticProduct candidate =
          planted.products().stream()
              .filter(x -> x.categoryPath().equals(p.from()))
              .findFirst()
              .orElseThrow();
      List<Map<String, Object>> cross =
          (List<Map<String, Object>>)
              api.get("/api/offers/items/" + candidate.id() + "?limit=" + limit, RECOMMEND)
                  .json()
                  .get("crossSell");
      if (!cross.isEmpty() && p.to().equals(cross.get(0).get("categoryPath"))) {
        anchor = candidate;
        pair = p;
        expected = cross.stream().map(o -> o.get("itemId").toString()).toList();
        break;
      }
    }
    assertThat(anchor).as("a pair whose item offers lead with its complement").isNotNull();

    String household = "hc-" + run;
    assertThat(
            api.put("/api/households/" + household, "{\"name\":\"Home " + run + "\"}", INGEST)
                .status())
        .isEqualTo(200);
    for (String member : List.of("buyer", "other")) {
      Reply r =
          api.put(
              "/api/customers/c" + member + "-" + run,
              "{\"email\":\"c"
                  + member
                  + "-"
                  + run
                  + "@test.example\",\"householdId\":\""
                  + household
                  + "\",\"emailConsent\":true,\"consentSource\":\"signup\"}",
              INGEST);
      assertThat(r.status()).as("%s", r.body()).isEqualTo(200);
    }
    long template = templates.idOfKey("cross-sell-offer").orElseThrow();
    Reply created =
        api.post(
            "/api/triggers",
            "{\"name\":\"complement "
                + run
                + "\",\"productId\":\""
                + anchor.id()
                + "\",\"templateId\":"
                + template
                + ",\"fromAddress\":\"shop@shop.example\",\"holdoutPercent\":0}",
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    Number id = (Number) created.json().get("id");
    Reply bought =
        api.post(
            "/api/events",
            "{\"eventId\":\"ce-"
                + run
                + "\",\"type\":\"purchase\",\"customerId\":\"cbuyer-"
                + run
                + "\",\"productId\":\""
                + anchor.id()
                + "\",\"orderId\":\"co-"
                + run
                + "\",\"quantity\":1,\"unitPrice\":"
                + anchor.price()
                + ",\"time\":\""
                + Instant.now()
                + "\"}",
            INGEST);
    assertThat(bought.status()).as("%s", bought.body()).isLessThan(300);

    String other = "cother-" + run + "@test.example";
    long until = System.currentTimeMillis() + 60_000;
    while (received(other).isEmpty() && System.currentTimeMillis() < until) {
      Thread.sleep(200);
    }
    assertThat(received(other)).hasSize(1);
    MimeMessage message = received(other).get(0);
    List<TrackingToken> clicks = clickTokens(html(message));
    assertThat(clicks).allMatch(t -> !t.isPreview() && t.recipientId() > 0);
    // The purchased product is not shown to the other member.
    String purchased = anchor.id();
    assertThat(clicks).noneMatch(t -> purchased.equals(t.itemId()));
    // The offers are the item offers of the purchased product (the member has no history, so
    // their eligibility leaves everything in), led by the planted complement.
    List<String> offered =
        clicks.stream()
            .filter(t -> t.slot().startsWith("cross"))
            .map(TrackingToken::itemId)
            .toList();
    assertThat(offered).isEqualTo(expected);
    assertThat(planted.product(offered.get(0)).categoryPath()).isEqualTo(pair.to());
    assertThat(message.getSubject()).startsWith("Picked for your home");
    assertThat(html(message)).doesNotContain(anchor.name()).contains("picked for your home");
    api.post("/api/triggers/" + id + "/pause", "", MARKETING);
  }

  @Test
  void badInputIsAProblemNamingTheFieldAndNothingIsStored() {
    int before = ((List<?>) api.get("/api/triggers?limit=500", MARKETING).body()).size();
    Reply reply =
        api.post(
            "/api/triggers",
            "{\"name\":\"bad "
                + run
                + "\",\"productId\":\"no-such-"
                + run
                + "\",\"templateId\":999999999,\"fromAddress\":\"shop@shop.example\","
                + "\"holdoutPercent\":150,\"delayMinutes\":-1,\"topic\":\"Home Deals\"}",
            MARKETING);
    assertProblem(reply, 422);
    assertThat(reply.errorFields())
        .contains("productId", "templateId", "holdoutPercent", "delayMinutes", "topic");
    assertThat(((List<?>) api.get("/api/triggers?limit=500", MARKETING).body()).size())
        .isEqualTo(before);

    // A sensitive category cannot trigger a household message.
    Reply baby =
        api.post(
            "/api/triggers",
            "{\"name\":\"baby "
                + run
                + "\",\"categoryPrefix\":\"Baby/Nappies\",\"templateId\":"
                + templates.idOfKey("household-picks").orElseThrow()
                + ",\"fromAddress\":\"shop@shop.example\"}",
            MARKETING);
    assertProblem(baby, 422);
    assertThat(baby.errorFields()).containsExactly("categoryPrefix");

    assertProblem(api.post("/api/triggers", "{not json", MARKETING), 400);
    assertProblem(api.get("/api/triggers/999999999", MARKETING), 404);
    assertProblem(api.get("/api/triggers?limit=0", MARKETING), 422);
    assertThat(api.post("/api/triggers", "{}", INGEST).status()).isEqualTo(403);
  }

  @Test
  void aTriggerKeepsItsTopicAndOneThatNeverFiredHasNoLiftYet() {
    long template = templates.idOfKey("cross-sell-offer").orElseThrow();
    Reply created =
        api.post(
            "/api/triggers",
            "{\"name\":\"quiet "
                + run
                + "\",\"categoryPrefix\":\"Nothing"
                + run
                + "\",\"templateId\":"
                + template
                + ",\"fromAddress\":\"shop@shop.example\",\"topic\":\"household\"}",
            MARKETING);
    assertThat(created.status()).as("%s", created.body()).isEqualTo(201);
    assertThat(created.json()).containsEntry("topic", "household");
    Number id = (Number) created.json().get("id");
    assertThat(api.get("/api/triggers/" + id, MARKETING).json())
        .containsEntry("topic", "household");
    assertProblem(api.get("/api/triggers/" + id + "/lift", MARKETING), 409);
    api.post("/api/triggers/" + id + "/pause", "", MARKETING);
  }

  private List<MimeMessage> received(String address) throws Exception {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage m : smtp.getReceivedMessages()) {
      if (((InternetAddress) m.getAllRecipients()[0]).getAddress().equalsIgnoreCase(address)) {
        out.add(m);
      }
    }
    return out;
  }

  /** The decoded HTML part of {@code m}. */
  private static String html(jakarta.mail.Part m) throws Exception {
    if (m.isMimeType("text/html")) {
      return m.getContent().toString();
    }
    if (m.getContent() instanceof jakarta.mail.Multipart mp) {
      for (int i = 0; i < mp.getCount(); i++) {
        String found = html(mp.getBodyPart(i));
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private List<TrackingToken> clickTokens(String html) {
    List<TrackingToken> tokens = new ArrayList<>();
    Matcher m = CLICK.matcher(html);
    while (m.find()) {
      tokens.add(signer.verify(m.group(1)).orElseThrow(() -> new AssertionError("unsigned link")));
    }
    return tokens;
  }

  private List<Map<String, Object>> rows(String sql, Object param) {
    return tx.read(
        c -> {
          try (java.sql.PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, param);
            List<Map<String, Object>> out = new ArrayList<>();
            try (java.sql.ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Map<String, Object> row = new java.util.TreeMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                  row.put(rs.getMetaData().getColumnLabel(i).toLowerCase(), rs.getObject(i));
                }
                out.add(row);
              }
            }
            return out;
          }
        });
  }

  private static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
