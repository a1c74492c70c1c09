package io.affinity.service.api;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.affinity.service.problem.MalformedRequestException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UnpairedSurrogatesTest {
  private static byte[] json(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aPairAnEscapedBackslashAndPlainEscapesPass() {
    for (String body :
        new String[] {
          "{\"a\":\"\\ud83d\\ude00\"}",
          "{\"a\":\"\\\\ud800\"}",
          "{\"a\":\"\\u00e9\\n\\\"\\u0041\"}",
          "{\"a\":\"😀 raw\"}",
          "{\"a\":\"trailing\\\\\"}"
        }) {
      assertThatCode(() -> UnpairedSurrogates.check(json(body)))
          .as(body)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void halfAPairIsRefusedWhereverItIs() {
    for (String body :
        new String[] {
          "{\"a\":\"\\ud800\"}",
          "{\"a\":\"\\udc00\"}",
          "{\"a\":\"\\ud800x\"}",
          "{\"a\":\"\\ud800\\ud800\\udc00\"}",
          "{\"a\":\"\\ud83d\\u0041\"}",
          "{\"a\":\"x\\uDE00\"}",
          "[\"\\ud800"
        }) {
      assertThatThrownBy(() -> UnpairedSurrogates.check(json(body)))
          .as(body)
          .isInstanceOf(MalformedRequestException.class)
          .hasMessageContaining("half a UTF-16 surrogate pair");
    }
  }
}
