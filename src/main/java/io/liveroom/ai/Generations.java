package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The governed way into the provider, shared by the socket and the HTTP surface: input moderation,
 * quota admission, then a {@link Generation} whose end is always recorded (usage row, tokens
 * charged, lease freed, metrics), whatever the outcome.
 *
 * <p>Shared by every event loop, and safe so (see {@code CallerContext}): a generation's stream is
 * owned by the context that opened it ({@code BaseLlmStream}), its end and its records complete
 * there, and quotas are per-call Redis calls.
 */
public final class Generations {
  private static final Logger LOG = LoggerFactory.getLogger(Generations.class);

  private final LlmProvider provider;
  private final AiQuotas quotas;
  private final UsageRepository usage;
  private final ContentModerator moderator;
  private final AiMetrics metrics;
  private volatile DialogueGate gate = DialogueGate.OPEN;

  public Generations(LlmProvider provider, AiQuotas quotas, UsageRepository usage, ContentModerator moderator,
                     AiMetrics metrics) {
    this.provider = provider;
    this.quotas = quotas;
    this.usage = usage;
    this.moderator = moderator;
    this.metrics = metrics;
  }

  public LlmProvider provider() {
    return provider;
  }

  /** Fails with {@code ai_content_blocked} when the user's text contains a blocked term. */
  public Future<Void> checkInput(String text) {
    return moderator.findBlocked(text) == null ? Future.succeededFuture()
      : Future.failedFuture(AppException.of(ErrorCode.AI_CONTENT_BLOCKED, "The message contains blocked content."));
  }

  /** Fails with {@code ai_model_not_found} for a model the provider does not serve. */
  public String resolveModel(String requested) {
    if (requested == null || requested.isBlank()) {
      return provider.models().get(0);
    }
    if (!provider.models().contains(requested)) {
      throw AppException.of(ErrorCode.AI_MODEL_NOT_FOUND, "No such model; see GET /v1/models.");
    }
    return requested;
  }

  /** Takes a quota slot for a new generation; the id returned names the generation. */
  public Future<String> admit(long userId) {
    String id = UUID.randomUUID().toString();
    return gate.mayStart(userId).compose(v -> quotas.admit(userId, id)).map(id);
  }

  /** Gives back a slot taken by {@link #admit} that was not used. */
  public Future<Void> abandon(long userId, String generationId) {
    return quotas.release(userId, generationId, 0);
  }

  /** Opens an admitted generation. Call on an event loop; set the handler in the same turn. */
  public Generation open(String generationId, long userId, String surface, LlmRequest request) {
    LlmStream stream = provider.open(request);
    Generation g = new Generation(generationId, userId, request.model(), surface, request.messages(), stream, moderator);
    metrics.started();
    Runnable ended = gate.answering(userId, g::cancel);
    g.outcome(stream.end().andThen(x -> ended.run()).transform(end -> {
      GenerationOutcome o = g.toOutcome(end);
      return record(g, o).map(o);
    }));
    return g;
  }

  private Future<Void> record(Generation g, GenerationOutcome o) {
    Duration elapsed = g.elapsed();
    Integer ttft = g.firstTokenMs();
    if (ttft != null) {
      metrics.firstToken(Duration.ofMillis(ttft));
    }
    metrics.ended(o.status(), o.error() == null ? null : o.error().code(), o.usage().completionTokens(), elapsed);
    Future<Void> charged = quotas.release(g.userId(), g.id(), o.usage().totalTokens())
      .onFailure(e -> LOG.warn("AI generation {} of user {}: quota release failed ({})", g.id(), g.userId(),
        e.getMessage()));
    Future<Void> logged = usage.record(g, o, provider.name(), ttft, (int) elapsed.toMillis())
      .onFailure(e -> LOG.error("AI generation {} of user {}: usage row not written", g.id(), g.userId(), e));
    return Future.join(charged, logged).<Void>mapEmpty().otherwiseEmpty();
  }

  /** Set once by the bootstrap, before the node serves. */
  void gate(DialogueGate gate) {
    this.gate = gate;
  }

  List<String> models() {
    return provider.models();
  }
}
