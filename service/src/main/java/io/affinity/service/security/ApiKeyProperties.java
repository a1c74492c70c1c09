package io.affinity.service.security;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured API key: {@code affinity.api-keys.<name>.key} and {@code .scopes}.
 *
 * <pre>
 * affinity:
 *   api-keys:
 *     shop-backend:
 *       key: ${SHOP_API_KEY}
 *       scopes: [ingest, recommend]
 * </pre>
 */
@EachProperty(ApiKeyProperties.PREFIX)
public class ApiKeyProperties {
  /** Where keys are configured. */
  public static final String PREFIX = "affinity.api-keys";

  private final String name;
  private String key;
  private List<Scope> scopes = new ArrayList<>();

  public ApiKeyProperties(@Parameter String name) {
    this.name = name;
  }

  /** The key's name, shown in logs instead of the key. */
  public String getName() {
    return name;
  }

  /** The secret a client sends; at least 16 characters. */
  public String getKey() {
    return key;
  }

  public void setKey(String key) {
    this.key = key;
  }

  /** What the key may do. */
  public List<Scope> getScopes() {
    return scopes;
  }

  public void setScopes(List<Scope> scopes) {
    this.scopes = scopes;
  }
}
