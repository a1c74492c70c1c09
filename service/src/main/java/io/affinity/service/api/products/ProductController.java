package io.affinity.service.api.products;

import io.affinity.core.error.InvalidInputException;
import io.affinity.core.product.ProductInput;
import io.affinity.core.product.ProductService;
import io.affinity.core.product.ProductView;
import io.affinity.service.api.BatchResult;
import io.affinity.service.api.JsonBodies;
import io.affinity.service.api.RequestValidation;
import io.affinity.service.security.RequiresScope;
import io.affinity.service.security.Scope;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.parameters.RequestBody;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;

/** Products: upsert one or a batch, and read one. */
@Controller("/api/products")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "products")
public class ProductController {
  private final ProductService products;
  private final RequestValidation validation;
  private final JsonBodies bodies;

  public ProductController(
      ProductService products, RequestValidation validation, JsonBodies bodies) {
    this.products = products;
    this.validation = validation;
    this.bodies = bodies;
  }

  /**
   * Creates or updates a product. Omitted fields keep their stored value.
   *
   * @param id the shop's id (SKU) of the product
   * @param json the product; its {@code id} may be omitted, and must match the path if given
   * @return the product after the update
   */
  @Put("/{id}")
  @RequestBody(content = @Content(schema = @Schema(implementation = ProductInput.class)))
  @RequiresScope(Scope.INGEST)
  public ProductView upsert(@PathVariable String id, @Nullable @Body byte[] json) {
    ProductInput body = bodies.object(json, ProductInput.class);
    if (body != null && body.id() != null && !body.id().equals(id)) {
      throw new InvalidInputException("id", "must match the id in the path, '" + id + "'");
    }
    ProductInput input =
        body == null
            ? null
            : new ProductInput(
                id,
                body.name(),
                body.categoryPath(),
                body.brand(),
                body.price(),
                body.cost(),
                body.inStock(),
                body.discontinued(),
                body.url(),
                body.imageUrl(),
                body.attributes());
    return products.upsert(validation.check(input));
  }

  /**
   * Creates or updates up to 10,000 products in one transaction: all or nothing.
   *
   * @param json the products
   * @return how many were created and updated
   */
  @Post("/batch")
  @RequestBody(
      content =
          @Content(array = @ArraySchema(schema = @Schema(implementation = ProductInput.class))))
  @RequiresScope(Scope.INGEST)
  public BatchResult upsertBatch(@Nullable @Body byte[] json) {
    List<ProductInput> items = validation.checkBatch(bodies.array(json, ProductInput.class));
    return BatchResult.of(items.size(), products.upsertAll(items));
  }

  /**
   * A product, with its margin when price and cost are known.
   *
   * @param id the shop's id (SKU) of the product
   * @return the product
   */
  @Get("/{id}")
  @RequiresScope({Scope.INGEST, Scope.RECOMMEND, Scope.MARKETING})
  public ProductView find(@PathVariable String id) {
    return products.find(id);
  }
}
