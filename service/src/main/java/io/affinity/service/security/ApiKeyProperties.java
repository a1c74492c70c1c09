package io.affinity.service.security;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import java.util.ArrayList;
import java.util.List;

/**
 * One configured API key: {@code affinity.api-keys.<name>.key} (or {@code .key-sha256}, its SHA-256
 * digest in hex, so that the configuration file holds no secret), {@code .scopes} and optionally
 * {@code .rate-per-second}.
 *
 * <pre>
 * affinity:
 *   api-keys:
 *     shop-backend:
 *       key: ${SHOP_API_KEY}
 *       scopes: [ingest, recommend]
 *     reporting:
 *       key-sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08
 *       scopes: [marketing]
 *       rate-per-second: 5
 * </pre>
 */
@EachProperty(ApiKeyProperties.PREFIX)
public class ApiKeyProperties {
  /** Where keys are configured. */
  public static final String PREFIX = "affinity.api-keys";

  private final String name;
  private String key;
  private String keySha256;
  private List<Scope> scopes = new ArrayList<>();
  private Double ratePerSecond;

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

  /**
   * The SHA-256 digest of the secret (64 hex digits), given instead of {@link #getKey()}: e.g.
   * {@code printf %s "$KEY" | sha256sum}.
   */
  public String getKeySha256() {
    return keySha256;
  }

  public void setKeySha256(String keySha256) {
    this.keySha256 = keySha256;
  }

  /**
   * The most requests per second this key may make (bursts up to one second's worth), or null for
   * no limit; past it a request is a 429 with {@code Retry-After}.
   */
  public Double getRatePerSecond() {
    return ratePerSecond;
  }

  public void setRatePerSecond(Double ratePerSecond) {
    this.ratePerSecond = ratePerSecond;
  }

  /** What the key may do. */
  public List<Scope> getScopes() {
    return scopes;
  }

  public void setScopes(List<Scope> scopes) {
    this.scopes = scopes;
  }
}
