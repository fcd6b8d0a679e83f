package io.liveroom.loadtest;

import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Writes a run's JSON result and its PNG chart (latency by percentile, throughput per second). */
final class Report {
  private Report() {
  }

  static JsonObject machine() {
    var os = ManagementFactory.getOperatingSystemMXBean();
    return new JsonObject().put("cores", Runtime.getRuntime().availableProcessors())
      .put("loadAverage1m", Math.round(os.getSystemLoadAverage() * 100) / 100.0)
      .put("os", os.getName() + " " + os.getVersion()).put("java", System.getProperty("java.version"));
  }

  /** Writes {@code <dir>/<name>.json} and {@code <dir>/<name>.png}; returns the JSON path. Blocking file I/O: call off event loops. */
  static Path write(Path dir, String name, JsonObject result, Histogram latency, List<JsonObject> timeline) throws IOException {
    Files.createDirectories(dir);
    Path png = dir.resolve(name + ".png");
    result.put("chart", png.toString());
    Path json = dir.resolve(name + ".json");
    Files.writeString(json, result.encodePrettily());
    List<XYChart> charts = new ArrayList<>();
    charts.add(latencyChart(latency));
    charts.add(throughputChart(timeline));
    BitmapEncoder.saveBitmap(charts, 1, 2, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    return json;
  }

  /** Latency against percentile, on the usual log "nines" axis: x = 1 / (1 - p). */
  private static XYChart latencyChart(Histogram h) {
    XYChart c = new XYChartBuilder().width(700).height(450).title("Latency by percentile")
      .xAxisTitle("percentile (1/(1-p): 10=90%, 100=99%, 1000=99.9%)").yAxisTitle("ms").build();
    c.getStyler().setXAxisLogarithmic(true).setLegendVisible(false);
    List<Double> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    if (h.getTotalCount() > 0) {
      for (double p : new double[] {0, 50, 75, 90, 95, 99, 99.5, 99.9, 99.95, 99.99, 99.999}) {
        x.add(1 / (1 - p / 100));
        y.add(h.getValueAtPercentile(p) / 1000.0);
      }
    } else {
      x.add(1.0);
      y.add(0.0);
    }
    c.addSeries("latency", x, y).setMarker(SeriesMarkers.CIRCLE);
    return c;
  }

  private static XYChart throughputChart(List<JsonObject> timeline) {
    XYChart c = new XYChartBuilder().width(700).height(450).title("Throughput per second")
      .xAxisTitle("s").yAxisTitle("received per second").build();
    c.getStyler().setYAxisGroupPosition(1, org.knowm.xchart.style.Styler.YAxisPosition.Right);
    c.setYAxisGroupTitle(1, "sent per second");
    List<Double> t = new ArrayList<>();
    List<Double> sent = new ArrayList<>();
    List<Double> received = new ArrayList<>();
    for (JsonObject row : timeline) {
      t.add(row.getLong("t").doubleValue());
      sent.add(row.getLong("sentPerSec").doubleValue());
      received.add(row.getLong("receivedPerSec").doubleValue());
    }
    if (t.isEmpty()) {
      t.add(0.0);
      sent.add(0.0);
      received.add(0.0);
    }
    c.addSeries("sent/s", t, sent).setMarker(SeriesMarkers.NONE).setYAxisGroup(1);
    c.addSeries("received/s", t, received).setMarker(SeriesMarkers.NONE);
    return c;
  }
}
