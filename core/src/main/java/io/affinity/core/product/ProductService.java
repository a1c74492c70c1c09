package io.affinity.core.product;

import io.affinity.core.attributes.AttributesCodec;
import io.affinity.core.error.NotFoundException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Upserts products and shows them. */
@Singleton
public class ProductService {
  private final ProductRepository products;
  private final AttributesCodec attributes;

  public ProductService(ProductRepository products, AttributesCodec attributes) {
    this.products = products;
    this.attributes = attributes;
  }

  /** Creates or updates one product and returns it. */
  @Transactional
  public ProductView upsert(ProductInput input) {
    upsertAll(List.of(input));
    return find(input.id());
  }

  /** Creates or updates all {@code inputs} in one transaction; returns how many were new. */
  @Transactional
  public int upsertAll(List<ProductInput> inputs) {
    Map<String, Product> existing =
        products.findByExternalIdIn(inputs.stream().map(ProductInput::id).toList()).stream()
            .collect(Collectors.toMap(Product::externalId, Function.identity()));
    long now = System.currentTimeMillis();
    int created = 0;
    for (ProductInput in : inputs) {
      Product old = existing.get(in.id());
      if (old == null) {
        existing.put(in.id(), products.save(merge(Product.stub(in.id(), now), in, now)));
        created++;
      } else {
        existing.put(in.id(), products.update(merge(old, in, now)));
      }
    }
    return created;
  }

  /** The product {@code externalId}; {@link NotFoundException} if unknown. */
  @Transactional(readOnly = true)
  public ProductView find(String externalId) {
    return products
        .findByExternalId(externalId)
        .map(this::view)
        .orElseThrow(() -> new NotFoundException("product", externalId));
  }

  private ProductView view(Product p) {
    return new ProductView(
        p.externalId(),
        p.name(),
        p.categoryPath(),
        p.brand(),
        p.price(),
        p.cost(),
        p.price() != null && p.cost() != null ? p.price().subtract(p.cost()) : null,
        p.inStock(),
        p.discontinued(),
        p.url(),
        p.imageUrl(),
        attributes.read(p.attributes()),
        Instant.ofEpochMilli(p.createdAt()),
        Instant.ofEpochMilli(p.updatedAt()));
  }

  private Product merge(Product old, ProductInput in, long now) {
    return new Product(
        old.id(),
        old.externalId(),
        in.name() != null ? in.name() : old.name(),
        in.categoryPath() != null ? in.categoryPath() : old.categoryPath(),
        in.brand() != null ? in.brand() : old.brand(),
        in.price() != null ? in.price() : old.price(),
        in.cost() != null ? in.cost() : old.cost(),
        in.inStock() != null ? in.inStock() : old.inStock(),
        in.discontinued() != null ? in.discontinued() : old.discontinued(),
        in.url() != null ? in.url() : old.url(),
        in.imageUrl() != null ? in.imageUrl() : old.imageUrl(),
        in.attributes() != null ? attributes.write(in.attributes()) : old.attributes(),
        old.createdAt(),
        now);
  }
}
