package io.liveroom.ai;

import io.liveroom.http.BearerAuth;
import io.liveroom.http.Bodies;
import io.liveroom.http.HttpRoutes;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The OpenAI-compatible endpoint: {@code POST /v1/chat/completions} (streaming SSE or plain JSON)
 * and {@code GET /v1/models}, authenticated with our access token as the bearer token, governed
 * like the socket (moderation, quotas, usage rows). Errors are problem+json that also carry
 * OpenAI's {@code error} member, so stock OpenAI clients report them properly.
 */
public final class CompletionsRoutes implements HttpRoutes {
  private final BearerAuth auth;
  private final Generations generations;
  private final int maxInputChars;

  public CompletionsRoutes(BearerAuth auth, Generations generations, int maxInputChars) {
    this.auth = auth;
    this.generations = generations;
    this.maxInputChars = maxInputChars;
  }

  @Override
  public void mount(Router router) {
    router.route("/v1/chat/completions").handler(auth);
    router.route("/v1/models").handler(auth);
    router.post("/v1/chat/completions").handler(this::complete);
    router.get("/v1/models").handler(ctx -> Bodies.reply(ctx, 200, OpenAiFormat.models(generations.provider().models())));
  }

  private void complete(RoutingContext ctx) {
    long userId = BearerAuth.principal(ctx).userId();
    CompletionRequest req;
    String model;
    try {
      req = CompletionRequest.parse(Bodies.json(ctx), maxInputChars);
      model = generations.resolveModel(req.model());
    } catch (RuntimeException e) {
      ctx.fail(OpenAiFormat.withOpenAiError(e));
      return;
    }
    generations.checkInput(req.moderatedText())
      .compose(v -> generations.admit(userId))
      .onSuccess(id -> {
        if (ctx.response().closed()) {
          generations.abandon(userId, id);
          return;
        }
        Generation g = generations.open(id, userId, "http",
          new LlmRequest(model, req.messages(), req.maxTokens(), req.temperature()));
        if (req.stream()) {
          new SseRelay(ctx.response(), g, req).run();
        } else {
          whole(ctx, g);
        }
      })
      .onFailure(e -> ctx.fail(OpenAiFormat.withOpenAiError(e)));
  }

  /** Non-streaming: collect the answer, reply once; a client that leaves cancels it. */
  private void whole(RoutingContext ctx, Generation g) {
    long created = System.currentTimeMillis() / 1000;
    ctx.response().closeHandler(v -> g.cancel());
    g.outcome().onSuccess(o -> {
      if (ctx.response().closed()) {
        return;
      }
      if (o.status().equals(GenerationOutcome.COMPLETE)) {
        Bodies.reply(ctx, 200, OpenAiFormat.completion(o, created, g.model()));
      } else {
        io.liveroom.error.ErrorCode code = o.error() == null ? io.liveroom.error.ErrorCode.AI_CANCELLED : o.error();
        ctx.fail(OpenAiFormat.withOpenAiError(io.liveroom.error.AppException.of(code, "The generation did not complete.")));
      }
    });
  }
}
