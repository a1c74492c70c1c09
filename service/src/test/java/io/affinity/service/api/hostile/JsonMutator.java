package io.affinity.service.api.hostile;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Turns a valid JSON body into a hostile one, from a seeded {@link Random} so that a failing run
 * can be repeated: a wrong type or {@code null} at any path, huge and fractional numbers, long
 * strings and control characters, unknown fields, duplicated keys, invalid UTF-8, deep nesting,
 * empty and oversized arrays, truncated and non-JSON bodies.
 */
final class JsonMutator {
  /** Stands for raw text (or bytes) spliced into the serialized document. */
  private static final String RAW = "\u0001raw\u0001";

  private static final String[] RAW_VALUES = {
    "1.5",
    "1.0",
    "1e2",
    "-0",
    "0",
    "-1",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "-9223372036854775809",
    "1e308",
    "-1e308",
    "1e309",
    "1e-400",
    "1e999999999",
    "-1e999999999",
    "123456789012345678901234567890.123456789",
    "0.000000000000000000000000000001",
    "true",
    "false",
    "\"\"",
    "\" \"",
    "\"\\u0000\"",
    "\"\\t\\r\\n\"",
    "\"\\u001b[31m\"",
    "\"\\ud800\"",
    "\"\\udfff x\"",
    "\"\\u2028\\u2029\"",
    "\"1\"",
    "\"1.5\"",
    "\"true\"",
    "\"null\"",
    "\"1700000000000\"",
    "1700000000000",
    "\"2024-13-45T99:00:00Z\"",
    "\"+999999999-12-31T23:59:59Z\"",
    "\"-999999999-01-01T00:00:00Z\"",
    "\"2024-05-01T10:00:00Z\"",
    "\"0000-01-01T00:00:00Z\"",
    "\"javascript:alert(1)\"",
    "\"data:text/html,<b>x</b>\"",
    "\"//evil.example/x\"",
    "\"http://\"",
    "\"<script>alert(1)</script>\"",
    "\"${7*7}\"",
    "\"<#list 1.. as i></#list>\"",
    "\"' OR 1=1 --\"",
    "\"%00\"",
    "\"\\\\\"",
    "{}",
    "[]",
    "[null]",
    "[[]]",
    "{\"a\":{\"b\":[1,{\"c\":null}]}}",
    "null",
    "\"\\uFEFFid\"",
    "\"\\u202Eevil\"",
    "\"\uD83D\uDE00\""
  };

  private final ObjectMapper mapper = new ObjectMapper();
  private final Random random;

  JsonMutator(Random random) {
    this.random = random;
  }

  /** A hostile variant of {@code valid}. */
  Hostile mutate(String valid, boolean batch) {
    JsonNode root = parse(valid);
    int kind = random.nextInt(100);
    if (kind < 22) {
      String value = pick(RAW_VALUES);
      return splice(root, "value " + value, raw(value));
    }
    if (kind < 30) {
      return splice(root, "null", raw("null"));
    }
    if (kind < 36) {
      int n = 1 << (10 + random.nextInt(8));
      return splice(root, "string of " + n, raw(mapper(longString(n))));
    }
    if (kind < 42) {
      int depth = 60 + random.nextInt(3000);
      String open = random.nextBoolean() ? "[" : "{\"a\":";
      String close = open.equals("[") ? "]" : "}";
      return splice(root, "nesting " + depth, raw(open.repeat(depth) + "1" + close.repeat(depth)));
    }
    if (kind < 50) {
      return unknownField(root);
    }
    if (kind < 56) {
      return duplicateKey(root);
    }
    if (kind < 62) {
      return invalidUtf8(root);
    }
    if (kind < 70) {
      return arrays(root, batch);
    }
    if (kind < 76) {
      byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
      int cut = bytes.length <= 1 ? 0 : random.nextInt(bytes.length - 1);
      return new Hostile("truncated at " + cut, java.util.Arrays.copyOf(bytes, cut));
    }
    if (kind < 82) {
      String[] whole = {
        "",
        " ",
        "null",
        "42",
        "\"text\"",
        "true",
        "[]",
        "{}",
        "[{}]",
        "{}{}",
        "{} x",
        "\uFEFF" + valid,
        "{'a':1}",
        "{\"a\":1,}",
        "[1,]",
        "NaN",
        "{\"a\":NaN}",
        "{\"a\":Infinity}",
        "/* c */ {}",
        valid + valid,
        "\u0000",
        "{\"\":1}",
        "{\"a\"",
        "[\"\\x41\"]",
        "{\"a\":\"\\uZZZZ\"}"
      };
      String body = pick(whole);
      return new Hostile("whole body " + shorten(body), body.getBytes(StandardCharsets.UTF_8));
    }
    if (kind < 92) {
      return splice(root, "control characters", raw(mapper(controls())));
    }
    // several mutations at once
    String value = pick(RAW_VALUES);
    Hostile first = splice(root, "value " + value, raw(value));
    JsonNode again = tryParse(first.body());
    if (again == null) {
      return first;
    }
    Hostile second = unknownField(again);
    return new Hostile(first.label() + " + " + second.label(), second.body());
  }

  private Hostile unknownField(JsonNode root) {
    List<ObjectNode> objects = new ArrayList<>();
    collect(root, objects);
    if (objects.isEmpty()) {
      return splice(root, "value", raw("{\"unexpected\":1}"));
    }
    ObjectNode target = objects.get(random.nextInt(objects.size()));
    String[] names = {"maxprice", "Id", "id ", "__proto__", "constructor", "class", "@type", "é"};
    String name = pick(names);
    target.set(name, TextNode.valueOf("x"));
    return new Hostile("unknown field '" + name + "'", write(root));
  }

  private Hostile duplicateKey(JsonNode root) {
    List<ObjectNode> objects = new ArrayList<>();
    collect(root, objects);
    objects.removeIf(o -> o.isEmpty());
    if (objects.isEmpty()) {
      return new Hostile("duplicate key", "{\"a\":1,\"a\":2}".getBytes(StandardCharsets.UTF_8));
    }
    ObjectNode target = objects.get(random.nextInt(objects.size()));
    String key = target.fieldNames().next();
    target.put(RAW, 0);
    String text = new String(write(root), StandardCharsets.UTF_8);
    String value = pick(RAW_VALUES);
    String json = text.replace(mapper(RAW) + ":0", mapper(key) + ":" + value);
    return new Hostile(
        "duplicate key '" + key + "' with " + value, json.getBytes(StandardCharsets.UTF_8));
  }

  private Hostile invalidUtf8(JsonNode root) {
    byte[][] bad = {
      {(byte) 0xff},
      {(byte) 0xc3, 0x28},
      {(byte) 0xc0, (byte) 0xaf},
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xf8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
      {(byte) 0xe2, (byte) 0x82}
    };
    byte[] inside = bad[random.nextInt(bad.length)];
    JsonNode copy = root.deepCopy();
    JsonPointer at = replaceRandom(copy, TextNode.valueOf(RAW));
    byte[] doc = write(copy);
    byte[] marker = mapper(RAW).getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int i = indexOf(doc, marker);
    out.write(doc, 0, i);
    out.write('"');
    out.write('a');
    out.write(inside, 0, inside.length);
    out.write('"');
    out.write(doc, i + marker.length, doc.length - i - marker.length);
    return new Hostile("invalid UTF-8 at " + at, out.toByteArray());
  }

  private Hostile arrays(JsonNode root, boolean batch) {
    List<JsonPointer> arrays = new ArrayList<>();
    paths(root, JsonPointer.empty(), arrays, true);
    if (arrays.isEmpty()) {
      return splice(root, "array for a value", raw("[1,\"a\",null,{}]"));
    }
    JsonPointer at = arrays.get(random.nextInt(arrays.size()));
    ArrayNode array = (ArrayNode) root.at(at);
    int choice = random.nextInt(4);
    if (choice == 0) {
      array.removeAll();
      return new Hostile("empty array at " + at, write(root));
    }
    if (choice == 1) {
      array.insertNull(random.nextInt(array.size() + 1));
      return new Hostile("null item in array at " + at, write(root));
    }
    if (choice == 2) {
      array.insert(random.nextInt(array.size() + 1), JsonNodeFactory.instance.objectNode());
      return new Hostile("wrong item in array at " + at, write(root));
    }
    // Oversized: past the batch limit for the top-level array of a batch, long elsewhere.
    int n = batch && at.matches() ? 10_001 : 1_000 + random.nextInt(2_000);
    JsonNode item = array.isEmpty() ? TextNode.valueOf("x") : array.get(0);
    array.removeAll();
    for (int i = 0; i < n; i++) {
      array.add(item);
    }
    return new Hostile(n + " items in array at " + at, write(root));
  }

  /** Serializes {@code root} with the value at a random path replaced by {@code rawText}. */
  private Hostile splice(JsonNode root, String label, String rawText) {
    JsonNode copy = root.deepCopy();
    JsonPointer at = replaceRandom(copy, TextNode.valueOf(RAW));
    String doc = new String(write(copy), StandardCharsets.UTF_8);
    String body = doc.replace(mapper(RAW), rawText);
    return new Hostile(shorten(label) + " at " + at, body.getBytes(StandardCharsets.UTF_8));
  }

  /** Replaces a random value (the root included) with {@code value}; returns where. */
  private JsonPointer replaceRandom(JsonNode root, JsonNode value) {
    List<JsonPointer> all = new ArrayList<>();
    paths(root, JsonPointer.empty(), all, false);
    JsonPointer at = all.get(random.nextInt(all.size()));
    if (at.matches()) {
      // The root itself: wrap so the marker can stand in for the whole document.
      if (root instanceof ObjectNode o) {
        o.removeAll();
        o.set("unexpected", value);
      } else if (root instanceof ArrayNode a) {
        a.removeAll();
        a.add(value);
      }
      return at;
    }
    JsonNode parent = root.at(at.head());
    String last = at.last().getMatchingProperty();
    if (parent instanceof ObjectNode o) {
      o.set(last, value);
    } else if (parent instanceof ArrayNode a) {
      a.set(at.last().getMatchingIndex(), value);
    }
    return at;
  }

  private static void paths(
      JsonNode node, JsonPointer at, List<JsonPointer> out, boolean arraysOnly) {
    if (!arraysOnly || node.isArray()) {
      out.add(at);
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        paths(e.getValue(), at.appendProperty(e.getKey()), out, arraysOnly);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        paths(node.get(i), at.appendIndex(i), out, arraysOnly);
      }
    }
  }

  private static void collect(JsonNode node, List<ObjectNode> out) {
    if (node instanceof ObjectNode o) {
      out.add(o);
    }
    node.elements().forEachRemaining(child -> collect(child, out));
  }

  private String longString(int n) {
    StringBuilder s = new StringBuilder(n);
    String alphabet = "aZ09 é€😀\u0301<>&\"'\\/";
    while (s.length() < n) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  private String controls() {
    StringBuilder s = new StringBuilder("x");
    for (int i = 0; i < 1 + random.nextInt(8); i++) {
      s.append((char) random.nextInt(0x20));
      if (random.nextBoolean()) {
        s.append('\u007f').append('\u0085').append('\u200b');
      }
    }
    return s.toString();
  }

  private String raw(String text) {
    return text;
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private String mapper(String text) {
    try {
      return mapper.writeValueAsString(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] write(JsonNode node) {
    try {
      return mapper.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode parse(String text) {
    try {
      return mapper.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode tryParse(byte[] body) {
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static int indexOf(byte[] haystack, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= haystack.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new IllegalStateException("marker not found");
  }

  static String shorten(String text) {
    return text.length() > 60 ? text.substring(0, 60) + "..." : text;
  }
}
