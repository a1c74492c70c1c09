package io.affinity.service.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.exceptions.ConfigurationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Keys given as themselves or as their SHA-256 digest, and the configurations refused. */
class ApiKeysTest {
  private static final String SECRET = "a-secret-key-of-some-length";

  private static ApiKeyProperties key(String name, String key, String digest) {
    ApiKeyProperties p = new ApiKeyProperties(name);
    p.setKey(key);
    p.setKeySha256(digest);
    p.setScopes(List.of(Scope.MARKETING));
    return p;
  }

  @Test
  void aKeyGivenByItsDigestIsFoundByTheKey() {
    String digest = ApiKeys.digest(SECRET).toUpperCase();
    ApiKeys keys = new ApiKeys(List.of(key("hashed", null, digest)));

    assertThat(keys.find(SECRET)).map(ApiKeys.Holder::name).contains("hashed");
    assertThat(keys.find(digest)).isEmpty();
    assertThat(keys.find(digest.toLowerCase())).isEmpty();
  }

  @Test
  void bothOrAMalformedDigestOrTheSameKeyTwiceAreRefused() {
    assertThatThrownBy(() -> new ApiKeys(List.of(key("both", SECRET, ApiKeys.digest(SECRET)))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> new ApiKeys(List.of(key("short", null, "abc123"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("64 hexadecimal digits");
    assertThatThrownBy(() -> new ApiKeys(List.of(key("none", null, null))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("key-sha256");
    assertThatThrownBy(
            () ->
                new ApiKeys(
                    List.of(key("one", SECRET, null), key("two", null, ApiKeys.digest(SECRET)))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'one' and 'two'");
  }
}
