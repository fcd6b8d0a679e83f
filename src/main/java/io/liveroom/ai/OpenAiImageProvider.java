package io.liveroom.ai;

import io.liveroom.config.PaintConfig;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.UUID;

/**
 * The {@code openai} image provider: any OpenAI-compatible {@code POST <baseUrl>/images/generations}
 * (or {@code /images/edits}, multipart, with a reference picture), asking for {@code b64_json}, and
 * for streamed partial images when {@code partialImages} is above 0. Base URLs are tried in order
 * until one answers 200; see {@link OpenAiImageJob} for timeouts, failover and cancellation.
 */
public final class OpenAiImageProvider implements ImageProvider {
  public static final String NAME = "openai";
  private static final Logger LOG = LoggerFactory.getLogger(OpenAiImageProvider.class);

  private final Vertx vertx;
  private final PaintConfig.OpenAi config;
  private final HttpClient client;

  public OpenAiImageProvider(Vertx vertx, PaintConfig.OpenAi config) {
    this.vertx = vertx;
    this.config = config;
    this.client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(config.connectTimeoutMs())
      .setKeepAlive(true), new PoolOptions().setHttp1MaxSize(500).setMaxWaitQueueSize(10_000));
    LOG.info("AI painting provider is 'openai' with {} upstream(s), model {}", config.baseUrls().size(), config.model());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public ImageJob open(ImageRequest request) {
    OpenAiImageJob job = request.reference() == null
      ? new OpenAiImageJob(vertx, client, config, "/images/generations", "application/json", json(request).toBuffer())
      : multipart(request);
    job.start();
    return job;
  }

  JsonObject json(ImageRequest r) {
    JsonObject body = new JsonObject().put("prompt", prompt(r)).put("n", 1).put("size", r.size());
    if (!config.model().isEmpty()) {
      body.put("model", config.model());
    }
    if (config.partialImages() > 0) {
      body.put("stream", true).put("partial_images", config.partialImages());
    }
    return body;
  }

  /** An edit: the reference picture as the {@code image} file part. */
  private OpenAiImageJob multipart(ImageRequest r) {
    String boundary = "liveroom-" + UUID.randomUUID();
    Buffer body = Buffer.buffer();
    field(body, boundary, "prompt", prompt(r));
    field(body, boundary, "n", "1");
    field(body, boundary, "size", r.size());
    if (!config.model().isEmpty()) {
      field(body, boundary, "model", config.model());
    }
    if (config.partialImages() > 0) {
      field(body, boundary, "stream", "true");
      field(body, boundary, "partial_images", Integer.toString(config.partialImages()));
    }
    body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"image.png\"\r\n"
      + "Content-Type: image/png\r\n\r\n").appendBytes(r.reference()).appendString("\r\n--" + boundary + "--\r\n");
    return new OpenAiImageJob(vertx, client, config, "/images/edits", "multipart/form-data; boundary=" + boundary, body);
  }

  private static void field(Buffer body, String boundary, String name, String value) {
    body.appendString("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n")
      .appendString(value).appendString("\r\n");
  }

  /** The style, when given, is a word the upstream reads as part of the prompt. */
  private static String prompt(ImageRequest r) {
    return r.style() == null ? r.prompt() : r.prompt() + " (style: " + r.style() + ")";
  }
}
