package io.liveroom.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI file is written by hand by every capability; this keeps it a document clients can
 * generate code from: well-formed, every operation answered, every reference resolvable, and no
 * prose that slipped into a property name.
 */
@DisplayName("The served OpenAPI description is a well-formed OpenAPI 3 document")
class OpenApiDocumentTest {
  private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
  private static JsonNode doc;

  @BeforeAll
  static void read() throws Exception {
    try (InputStream in = OpenApiDocumentTest.class.getClassLoader().getResourceAsStream(OpsRoutes.OPENAPI_RESOURCE)) {
      doc = new ObjectMapper(new YAMLFactory()).readTree(in);
    }
  }

  @Test
  @DisplayName("It is OpenAPI 3 with paths, and every operation lists its responses")
  void operationsHaveResponses() {
    assertThat(doc.path("openapi").asText()).startsWith("3.");
    assertThat(doc.path("paths").size()).isGreaterThan(50);
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      assertThat(path.getKey()).startsWith("/");
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (METHODS.contains(op.getKey())) {
          assertThat(op.getValue().path("responses").size()).as("%s %s responses", op.getKey(), path.getKey()).isPositive();
        }
      }
    }
  }

  @Test
  @DisplayName("Every operation with a parameter in its path documents the 400 a malformed one gets (PathParams)")
  void pathParametersHave400() {
    List<String> missing = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext(); ) {
      Map.Entry<String, JsonNode> path = paths.next();
      if (!path.getKey().contains("{")) {
        continue;
      }
      for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (METHODS.contains(op.getKey()) && !op.getValue().path("responses").has("400")) {
          missing.add(op.getKey() + " " + path.getKey());
        }
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  @DisplayName("Every $ref points at a component that exists")
  void referencesResolve() {
    List<String> refs = new ArrayList<>();
    collectRefs(doc, refs);
    assertThat(refs).isNotEmpty();
    for (String ref : refs) {
      assertThat(ref).startsWith("#/");
      JsonNode target = doc.at(ref.substring(1));
      assertThat(target.isMissingNode()).as("dangling %s", ref).isFalse();
    }
  }

  @Test
  @DisplayName("Schema property names are identifiers, not prose")
  void propertyNamesAreIdentifiers() {
    List<String> bad = new ArrayList<>();
    collectBadProperties(doc, "", bad);
    assertThat(bad).isEmpty();
  }

  private static void collectRefs(JsonNode node, List<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals("$ref") && e.getValue().isTextual()) {
          out.add(e.getValue().asText());
        } else {
          collectRefs(e.getValue(), out);
        }
      });
    } else if (node.isArray()) {
      node.forEach(n -> collectRefs(n, out));
    }
  }

  private static void collectBadProperties(JsonNode node, String where, List<String> out) {
    if (node.isObject()) {
      node.fields().forEachRemaining(e -> {
        if (e.getKey().equals("properties") && e.getValue().isObject()) {
          e.getValue().fieldNames().forEachRemaining(name -> {
            if (!name.matches("[A-Za-z_$][A-Za-z0-9_$.-]*")) {
              out.add(where + "/" + name);
            }
          });
        }
        collectBadProperties(e.getValue(), where + "/" + e.getKey(), out);
      });
    } else if (node.isArray()) {
      node.forEach(n -> collectBadProperties(n, where, out));
    }
  }
}
