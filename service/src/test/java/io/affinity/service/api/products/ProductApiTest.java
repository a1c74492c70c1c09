package io.affinity.service.api.products;

import static io.affinity.service.api.TestApi.INGEST;
import static io.affinity.service.api.TestApi.RECOMMEND;
import static org.assertj.core.api.Assertions.assertThat;

import io.affinity.service.api.ApiTestBase;
import io.affinity.service.api.TestApi.Reply;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;

@MicronautTest(transactional = false)
class ProductApiTest extends ApiTestBase {

  @Test
  void putStoresAProductWithItsMargin() {
    String id = "sku-" + run;
    Reply reply =
        api.put(
            "/api/products/" + id,
            "{\"name\":\"Teapot\",\"categoryPath\":\"Home/Kitchen/Tea\",\"brand\":\"Acme\","
                + "\"price\":24.90,\"cost\":10.40,\"inStock\":false,\"url\":\"https://shop/t\","
                + "\"attributes\":{\"colour\":\"blue\"}}",
            INGEST);
    assertThat(reply.status()).isEqualTo(200);

    Reply read = api.get("/api/products/" + id, RECOMMEND);
    assertThat(read.json())
        .containsEntry("name", "Teapot")
        .containsEntry("categoryPath", "Home/Kitchen/Tea")
        .containsEntry("inStock", false);
    assertThat(((Number) read.json().get("margin")).doubleValue()).isEqualTo(14.5);

    Reply partial = api.put("/api/products/" + id, "{\"inStock\":true}", INGEST);
    assertThat(partial.json()).containsEntry("inStock", true).containsEntry("name", "Teapot");
  }

  @Test
  void aBatchIsAllOrNothing() {
    String ok = "{\"id\":\"ok-" + run + "\",\"price\":1.50}";
    String bad = "{\"id\":\"bad-" + run + "\",\"price\":-1}";
    String blank = "{\"id\":\"\"}";
    Reply reply = api.post("/api/products/batch", "[" + ok + "," + bad + "," + blank + "]", INGEST);

    assertProblem(reply, 422);
    assertThat(reply.errorFields()).containsExactly("[1].price", "[2].id");
    assertProblem(api.get("/api/products/ok-" + run, RECOMMEND), 404);

    Reply good = api.post("/api/products/batch", "[" + ok + "]", INGEST);
    assertThat(good.json()).containsEntry("created", 1);
  }

  @Test
  void badValuesAreNamed() {
    String id = "v-" + run;
    Reply tooPrecise = api.put("/api/products/" + id, "{\"price\":1.999}", INGEST);
    assertProblem(tooPrecise, 422);
    assertThat(tooPrecise.errorFields()).containsExactly("price");

    Reply text = api.put("/api/products/" + id, "{\"price\":\"cheap\"}", INGEST);
    assertProblem(text, 422);
    assertThat(text.errorFields()).containsExactly("price");

    assertProblem(api.get("/api/products/" + id, RECOMMEND), 404);
  }
}
