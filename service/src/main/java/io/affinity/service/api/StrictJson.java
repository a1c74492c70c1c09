package io.affinity.service.api;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;

/**
 * The one JSON reader of request bodies, with every coercion Jackson would make quietly turned into
 * an error: a whole number is a JSON integer (not {@code 1.5}, {@code 1.0} or {@code "1"}), a text
 * is a JSON string (not a number or a boolean), a boolean is {@code true} or {@code false} (not
 * {@code ""}, {@code " "} or {@code 1}), a time is an ISO-8601 string (not a number), an array
 * holds no {@code null}, a key appears once per object, and unknown fields are refused.
 */
final class StrictJson {
  /** Deeper than any body we read (a segment's rule tree is the deepest), shallow for the stack. */
  static final int MAX_NESTING = 64;

  private StrictJson() {}

  static ObjectMapper mapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();
    JsonSetter.Value noNullItems = JsonSetter.Value.forContentNulls(Nulls.FAIL);
    return JsonMapper.builder(factory)
        .addModule(new JavaTimeModule())
        // Registered after JavaTimeModule, so it wins for Instant.
        .addModule(new SimpleModule().addDeserializer(Instant.class, new IsoInstantDeserializer()))
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
        .withCoercionConfigDefaults(
            c ->
                c.setAcceptBlankAsEmpty(false)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.Textual,
            c ->
                c.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withConfigOverride(List.class, o -> o.setSetterInfo(noNullItems))
        .withConfigOverride(Set.class, o -> o.setSetterInfo(noNullItems))
        .withConfigOverride(Collection.class, o -> o.setSetterInfo(noNullItems))
        .build();
  }
}
