package io.liveroom.ai;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.liveroom.realtime.Realtime;
import io.liveroom.realtime.RpcMethod.RpcContext;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * AI dialogue over the socket: {@code ai.chat} starts a generation in a conversation and relays it
 * to the user's personal channel; {@code ai.cancel} and a disconnect of the starting connection
 * stop it. {@code requestId} makes {@code ai.chat} idempotent per conversation: a repeat returns
 * the first call's generation id and starts nothing.
 *
 * <p>Generations are registered on the node that runs them, so cancel reaches them through the
 * connection that started them (the same node).
 */
public final class DialogueService {
  private static final Logger LOG = LoggerFactory.getLogger(DialogueService.class);
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  private final Realtime realtime;
  private final ConversationService conversations;
  private final ConversationRepository repo;
  private final Generations generations;
  private final int maxInputChars;
  /**
   * Generations running on this node, from every event loop. {@code ai.cancel} may arrive on
   * another loop than the generation's: {@link Generation#cancel} hops to the stream's context.
   */
  private final Map<String, Active> active = new ConcurrentHashMap<>();
  /**
   * Each running relay, completing once its answer is saved and its final publication sent; only
   * {@link #drain} waits on them (a stopping node), never a request handler.
   */
  private final Map<String, Future<Void>> relays = new ConcurrentHashMap<>();

  private record Active(long userId, String clientId, long conversationId, Generation generation) {
  }

  private record ChatParams(long conversationId, String text, String requestId) {
  }

  public DialogueService(Realtime realtime, ConversationService conversations, ConversationRepository repo,
                     Generations generations, int maxInputChars) {
    this.realtime = realtime;
    this.conversations = conversations;
    this.repo = repo;
    this.generations = generations;
    this.maxInputChars = maxInputChars;
  }

  /** {@code ai.chat}: returns {@code {generationId, conversationId, channel}}. */
  public Future<JsonObject> chat(RpcContext ctx, JsonObject params) {
    ChatParams p;
    try {
      p = parse(params);
    } catch (AppException e) {
      return Future.failedFuture(e);
    }
    long userId = ctx.principal().userId();
    // The stored system prompt goes upstream too; it is checked again in case it predates a listed word.
    return generations.checkInput(p.text())
      .compose(v -> conversations.get(userId, p.conversationId()))
      .compose(c -> conversations.checkInput(null, c.systemPrompt()).map(c))
      .compose(c -> repo.generationForRequest(c.id(), p.requestId())
        .compose(existing -> existing.isPresent() ? Future.succeededFuture(existing.get()) : start(ctx, c, p)))
      .map(id -> new JsonObject().put("generationId", id).put("conversationId", p.conversationId())
        .put("channel", realtime.personalChannel(userId)));
  }

  private Future<String> start(RpcContext ctx, Conversation c, ChatParams p) {
    long userId = ctx.principal().userId();
    return generations.admit(userId).compose(id -> repo.insertUserMessage(c.id(), p.text(), p.requestId(), id)
      .transform(stored -> {
        if (stored.succeeded()) {
          return conversations.contextWindow(c).map(context -> launch(ctx, c, p, id, context))
            .onFailure(e -> generations.abandon(userId, id));
        }
        Future<Void> freed = generations.abandon(userId, id);
        if (stored.cause() instanceof PgException pg && "23505".equals(pg.getSqlState())) {
          // The same requestId raced in from another call: that call's generation is the answer.
          return freed.compose(v -> repo.generationForRequest(c.id(), p.requestId())).map(found -> found.orElseThrow());
        }
        return freed.transform(v -> Future.failedFuture(stored.cause()));
      }));
  }

  private String launch(RpcContext ctx, Conversation c, ChatParams p, String id, java.util.List<PromptMessage> context) {
    long userId = ctx.principal().userId();
    String model = generations.provider().models().get(0);
    Generation g = generations.open(id, userId, "socket", new LlmRequest(model, context, null, null));
    active.put(id, new Active(userId, ctx.clientId(), c.id(), g));
    Future<Void> relay = new SocketRelay(realtime, realtime.personalChannel(userId), g, repo, c.id()).run(p.requestId());
    relays.put(id, relay);
    relay.onComplete(done -> {
      active.remove(id);
      relays.remove(id);
    });
    return id;
  }

  /** {@code ai.cancel}: stops a running generation of the caller; {@code {cancelled: true}}. */
  public Future<JsonObject> cancel(RpcContext ctx, JsonObject params) {
    String id = params == null ? null : params.getValue("generationId") instanceof String s ? s : null;
    if (id == null || id.isBlank()) {
      return Future.failedFuture(AppException.validation(java.util.List.of(
        new io.liveroom.error.FieldError("generationId", "required", "The generation id is required."))));
    }
    Active a = active.get(id);
    if (a == null || a.userId() != ctx.principal().userId()) {
      return Future.failedFuture(AppException.of(ErrorCode.AI_GENERATION_NOT_FOUND,
        "No such generation is running."));
    }
    a.generation().cancel();
    return Future.succeededFuture(new JsonObject().put("generationId", id).put("cancelled", true));
  }

  /**
   * A client connection closed (registered with {@code Realtime.onConnectionClosed}): the
   * generations it started are cancelled. Called on an event loop; does not block.
   */
  public void disconnected(long userId, String clientId) {
    active.values().stream()
      .filter(a -> a.userId() == userId && a.clientId().equals(clientId))
      .forEach(a -> {
        LOG.debug("AI generation {} of user {} cancelled: its connection closed", a.generation().id(), userId);
        a.generation().cancel();
      });
  }

  /**
   * Cancels the user's generations running on this node in {@code conversationId} (null: in any of
   * their conversations) and completes, on the caller's context, once their answers are saved and
   * their final publications sent: a conversation is deleted only after that, so no answer is
   * written into it afterwards. A generation on another node is not reached (as with
   * {@code ai.cancel}); its answer then fails to save into the deleted conversation, and is lost.
   */
  public Future<Void> stopIn(long userId, Long conversationId) {
    List<Future<Void>> ended = new java.util.ArrayList<>();
    active.forEach((id, a) -> {
      if (a.userId() == userId && (conversationId == null || a.conversationId() == conversationId)) {
        LOG.debug("AI generation {} of user {} cancelled: its conversation is being deleted", id, userId);
        a.generation().cancel();
        Future<Void> relay = relays.get(id);
        if (relay != null) {
          ended.add(relay);
        }
      }
    });
    return ended.isEmpty() ? Future.succeededFuture()
      : io.liveroom.infra.CallerContext.home(Future.join(ended).<Void>mapEmpty().otherwiseEmpty());
  }

  /**
   * Completes when the generations running on this node now have ended and their answers are
   * saved. For a node stopping: its sockets closed, which cancels them.
   */
  public Future<Void> drain() {
    return Future.join(List.copyOf(relays.values())).<Void>mapEmpty().otherwiseEmpty();
  }

  /** Generations running on this node. */
  public int running() {
    return active.size();
  }

  private ChatParams parse(JsonObject params) {
    JsonObject in = params == null ? new JsonObject() : params;
    FieldErrors errors = new FieldErrors();
    Object conv = in.getValue("conversationId");
    long conversationId = conv instanceof Number n && n.longValue() > 0 && n.doubleValue() == n.longValue()
      ? n.longValue() : -1;
    if (conversationId < 0) {
      errors.add("conversationId", "invalid", "A conversation id (a positive integer) is required.");
    }
    String text = in.getValue("text") instanceof String s ? s : null;
    if (text == null || text.isBlank()) {
      errors.add("text", "required", "The message text is required.");
    } else if (text.length() > maxInputChars) {
      errors.add("text", "too_long", "At most " + maxInputChars + " characters.");
    }
    String requestId = in.getValue("requestId") instanceof String s ? s : null;
    if (requestId == null || !REQUEST_ID.matcher(requestId).matches()) {
      errors.add("requestId", "invalid", "1-64 characters of letters, digits and . _ : -");
    }
    errors.throwIfAny();
    return new ChatParams(conversationId, text, requestId);
  }
}
