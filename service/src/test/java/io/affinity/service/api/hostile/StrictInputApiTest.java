package io.affinity.service.api.hostile;

import static io.affinity.service.api.TestApi.ADMIN;
import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.MARKETING;
import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The strict input policy of docs/api.md, rule by rule: no value is coerced into another type, a
 * reference names something that exists, an unknown field or parameter is named, and a {@code null}
 * where none is allowed is named by its path; each is a 422 that wrote nothing.
 */
@MicronautTest(transactional = false)
class StrictInputApiTest extends ApiTestBase {

  private Reply event(String fields) {
    return api.post(
        "/api/events",
        "{\"type\":\"purchase\",\"customerId\":\""
            + run
            + "-c\",\"productId\":\""
            + run
            + "-p\",\"unitPrice\":5,"
            + fields
            + "}",
        INGEST);
  }

  @Test
  void aWholeNumberFieldRefusesFractionsDecimalsAndNumbersInQuotes() {
    for (String quantity : List.of("1.5", "1.0", "1e2", "\"1\"", "true", "2147483648")) {
      Reply reply = event("\"quantity\":" + quantity);
      assertProblem(reply, 422);
      assertThat(reply.errorFields()).as(quantity).containsExactly("quantity");
    }
    assertProblem(api.get("/api/customers/" + run + "-c", ADMIN), 404);
    assertThat(event("\"quantity\":2").status()).isEqualTo(200);
  }

  @Test
  void aTextFieldRefusesNumbersAndBooleans() {
    Reply number = api.put("/api/customers/" + run, "{\"name\":5}", INGEST);
    assertProblem(number, 422);
    assertThat(number.errorFields()).containsExactly("name");
    Reply bool = api.put("/api/products/" + run, "{\"brand\":true}", INGEST);
    assertProblem(bool, 422);
    assertThat(bool.errorFields()).containsExactly("brand");
    assertProblem(api.get("/api/customers/" + run, ADMIN), 404);
  }

  @Test
  void attributesLargerThanTheirColumnAreRefusedByName() {
    String big = "{\"attributes\":{\"size\":\"" + "x".repeat(65_536) + "\"}}";
    for (String path : List.of("/api/customers/", "/api/products/", "/api/households/")) {
      Reply reply = api.put(path + run + "-big", big, INGEST);
      assertProblem(reply, 422);
      assertThat(reply.errorFields()).as(path).containsExactly("attributes");
      assertProblem(api.get(path + run + "-big", ADMIN), 404);
    }
    String fits = "{\"attributes\":{\"size\":\"" + "x".repeat(16_000) + "\"}}";
    assertThat(api.put("/api/products/" + run + "-fits", fits, INGEST).status()).isEqualTo(200);
  }

  @Test
  void halfASurrogatePairIsRefusedAndAWholePairIsKept() {
    Reply half =
        api.post(
            "/api/events",
            "{\"type\":\"view\",\"customerId\":\"" + run + "\\ud800\",\"productId\":\"p\"}",
            INGEST);
    assertProblem(half, 400);
    assertThat(half.errors().get(0).get("reason").toString()).contains("surrogate pair");
    Reply emoji = api.put("/api/customers/" + run, "{\"name\":\"Ann \\ud83d\\ude00\"}", INGEST);
    assertThat(emoji.status()).as("%s", emoji.body()).isEqualTo(200);
    assertThat(api.get("/api/customers/" + run, ADMIN).json().get("name"))
        .isEqualTo("Ann \uD83D\uDE00");
  }

  @Test
  void aTimeIsAnIsoStringNeverANumber() {
    for (String at :
        List.of(
            "1e308",
            "1700000000000",
            "\"1700000000000\"",
            "\"yesterday\"",
            "\"-999999999-01-01T00:00:00Z\"",
            "\"+999999999-12-31T23:59:59Z\"")) {
      Reply reply = api.put("/api/customers/" + run, "{\"consentAt\":" + at + "}", INGEST);
      assertProblem(reply, 422);
      assertThat(reply.errorFields()).as(at).containsExactly("consentAt");
    }
    assertProblem(api.get("/api/customers/" + run, ADMIN), 404);
    Reply offset =
        api.put(
            "/api/customers/" + run,
            "{\"emailConsent\":true,\"consentAt\":\"2024-05-01T12:00:00+02:00\"}",
            INGEST);
    assertThat(offset.status()).as("%s", offset.body()).isEqualTo(200);
  }

  @Test
  void aBooleanIsTrueOrFalseAndABlankOneIsNotTakenAsAbsent() {
    for (String consent : List.of("\"\"", "\" \"", "\"\\u0001\"", "\"true\"", "1", "0")) {
      Reply reply = api.put("/api/customers/" + run, "{\"emailConsent\":" + consent + "}", INGEST);
      assertProblem(reply, 422);
      assertThat(reply.errorFields()).as(consent).containsExactly("emailConsent");
    }
    assertProblem(api.get("/api/customers/" + run, ADMIN), 404);
  }

  @Test
  void anEventMustNameAnExistingCampaign() {
    Reply unknown = event("\"quantity\":1,\"campaignId\":999999999999");
    assertProblem(unknown, 422);
    assertThat(unknown.errorFields()).containsExactly("[0].campaignId");
    assertProblem(api.get("/api/customers/" + run + "-c", ADMIN), 404);

    Reply external =
        api.post(
            "/api/campaigns/external",
            "{\"name\":\"strict "
                + run
                + "\",\"startedAt\":\"2024-04-01T08:00:00Z\","
                + "\"attributionDays\":14,\"variants\":[\"A\"]}",
            MARKETING);
    assertThat(external.status()).as("%s", external.body()).isEqualTo(201);
    Reply known = event("\"quantity\":1,\"campaignId\":" + external.json().get("id"));
    assertThat(known.status()).as("%s", known.body()).isEqualTo(200);
  }

  @Test
  void aProductLinkIsAnHttpOrHttpsUrl() {
    for (String url :
        List.of("javascript:alert(1)", "data:text/html,x", "ftp://shop.example/p", "shop/p", "")) {
      Reply reply =
          api.put(
              "/api/products/" + run,
              "{\"url\":\"" + url + "\",\"imageUrl\":\"" + url + "\"}",
              INGEST);
      assertProblem(reply, 422);
      assertThat(reply.errorFields()).as(url).containsExactlyInAnyOrder("url", "imageUrl");
    }
    assertProblem(api.get("/api/products/" + run, INGEST), 404);
    Reply ok =
        api.put(
            "/api/products/" + run,
            "{\"name\":\"Pot\",\"url\":\"https://shop.example/p\",\"imageUrl\":\"http://cdn.example/p.jpg\"}",
            INGEST);
    assertThat(ok.status()).as("%s", ok.body()).isEqualTo(200);
  }

  @Test
  void anUnknownQueryParameterOnAnyRecommendationOrOfferEndpointIsNamed() {
    String basket = "{\"items\":[\"" + run + "\"]}";
    List<Reply> replies =
        List.of(
            api.get("/api/recommendations/customers/x?maxprice=10", RECOMMEND),
            api.get("/api/recommendations/customers/x/buy-again?maxprice=10", RECOMMEND),
            api.get("/api/recommendations/households/x?maxprice=10", RECOMMEND),
            api.get("/api/recommendations/items/x/similar?maxprice=10", RECOMMEND),
            api.post("/api/recommendations/basket?maxprice=10", basket, RECOMMEND),
            api.get("/api/offers/customers/x?maxprice=10", RECOMMEND),
            api.get("/api/offers/items/x?maxprice=10", RECOMMEND),
            api.post("/api/offers/basket?maxprice=10", basket, RECOMMEND));
    for (Reply reply : replies) {
      assertProblem(reply, 422);
      assertThat(reply.errorFields()).contains("maxprice");
    }
  }

  @Test
  void aNullWhereNoneIsAllowedIsNamedByItsPath() {
    for (String path : List.of("/api/recommendations/basket", "/api/offers/basket")) {
      Reply reply = api.post(path, "{\"items\":[\"a\",null]}", RECOMMEND);
      assertProblem(reply, 422);
      assertThat(reply.errorFields()).as(path).containsExactly("items[1]");
    }
    Reply batch = api.post("/api/customers/batch", "[{\"id\":\"" + run + "-1\"},null]", INGEST);
    assertProblem(batch, 422);
    assertThat(batch.errorFields()).containsExactly("[1]");
    Reply events = api.post("/api/events", "[null]", INGEST);
    assertProblem(events, 422);
    assertThat(events.errorFields()).containsExactly("[0]");
    Reply required = api.post("/api/customers/batch", "[{\"id\":null}]", INGEST);
    assertProblem(required, 422);
    assertThat(required.errorFields()).containsExactly("[0].id");
    assertProblem(api.get("/api/customers/" + run + "-1", ADMIN), 404);
  }

  @Test
  void anUnknownFieldIsNamedAndARepeatedKeyIsRefused() {
    Reply unknown = api.put("/api/customers/" + run, "{\"nmae\":\"Ann\"}", INGEST);
    assertProblem(unknown, 422);
    assertThat(unknown.errorFields()).containsExactly("nmae");
    assertThat((String) unknown.json().get("detail")).contains("name");

    Reply twice = api.put("/api/customers/" + run, "{\"name\":\"Ann\",\"name\":\"Bob\"}", INGEST);
    assertProblem(twice, 400);
    assertThat((String) twice.json().get("detail")).contains("Duplicate field 'name'");
    assertProblem(api.get("/api/customers/" + run, ADMIN), 404);
  }

  @Test
  void bytesThatAreNotJsonAreStillA400() {
    assertProblem(api.put("/api/customers/" + run, "{\"name\": ", INGEST), 400);
    assertProblem(api.post("/api/events", "[{\"type\":NaN}]", INGEST), 400);
    Reply deep =
        api.put(
            "/api/customers/" + run,
            "{\"attributes\":{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}}",
            INGEST);
    assertProblem(deep, 400);
    assertThat(deep.json()).doesNotContainKey("trace");
  }
}
