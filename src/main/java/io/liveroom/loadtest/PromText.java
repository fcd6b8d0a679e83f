package io.liveroom.loadtest;

import io.vertx.core.json.JsonObject;

/** Reads Prometheus text exposition: the sum of every series of each metric asked for. */
final class PromText {
  private PromText() {
  }

  static JsonObject sums(String text, String... names) {
    JsonObject out = new JsonObject();
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || line.isBlank()) {
        continue;
      }
      int brace = line.indexOf('{');
      int space = line.lastIndexOf(' ');
      String name = line.substring(0, brace >= 0 ? brace : line.indexOf(' '));
      for (String wanted : names) {
        String labels = brace >= 0 ? line.substring(brace, line.indexOf('}') + 1) : "";
        boolean heapOnly = wanted.endsWith("{heap}");
        String base = heapOnly ? wanted.substring(0, wanted.length() - 6) : wanted;
        if (name.equals(base) && (!heapOnly || labels.contains("area=\"heap\""))) {
          double v = Double.parseDouble(line.substring(space + 1));
          out.put(wanted, out.getDouble(wanted, 0.0) + v);
        }
      }
    }
    return out;
  }
}
