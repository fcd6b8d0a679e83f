package io.liveroom.ai;

import io.liveroom.capability.Capability;
import io.liveroom.capability.Platform;
import io.liveroom.config.AiConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.personaldata.PersonalDataSource;
import io.liveroom.personaldata.RetentionRule;
import io.liveroom.realtime.Realtime;
import io.liveroom.realtime.RpcMethod;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.List;

/**
 * AI dialogue, wired: the configured provider, quotas, moderation, usage ledger and conversations,
 * over HTTP (conversations, the OpenAI-compatible completions) and over the socket ({@code ai.chat},
 * {@code ai.cancel}); a closed connection cancels its generations. AI painting ({@link PaintWiring}):
 * {@code ai.paint}, the OpenAI-compatible images endpoints, the gallery; and the user's usage view.
 */
public final class AiCapability implements Capability {
  private final AiConfig config;
  private final Generations generations;
  private final ConversationService conversations;
  private final TokenBudgets budgets;
  private final DialogueService dialogue;
  private final List<HttpRoutes> routes;
  private final List<RpcMethod> rpcMethods;
  private final AiPersonalData personalData;
  private final int retentionDays;
  private final ConversationRepository conversationRepo;
  private final PaintWiring painting;

  /** Wires AI; reads its Lua scripts, so it runs on a worker (see {@link Capability}). */
  public AiCapability(Platform platform, Realtime realtime, BearerAuth auth) {
    Vertx vertx = platform.vertx();
    Pool pool = platform.pool();
    this.config = platform.config().ai();
    LlmProvider provider = config.provider().equals(OpenAiProvider.NAME)
      ? new OpenAiProvider(vertx, config.openai())
      : new SimulatedProvider(vertx, config.simulated());
    UsageRepository usage = new UsageRepository(vertx, pool);
    // Today's token budgets survive a Redis wipe: refilled from ai_usage (checked every second).
    this.budgets = new TokenBudgets(vertx, usage, platform.redis(), Clock.systemUTC());
    AiQuotas quotas = AiQuotas.read(platform.redis(), config.quota(), leaseMs(config));
    WordListModerator moderator = new WordListModerator(config.blockedWords());
    this.generations = new Generations(provider, quotas, usage, moderator,
      new AiMetrics(platform.meters(), provider.name()));
    this.conversationRepo = new ConversationRepository(pool);
    this.conversations = new ConversationService(conversationRepo, config.contextTokenBudget(), generations);
    this.dialogue = chat(realtime);
    // A deleted conversation's running answers are stopped first, so none is saved into it afterwards.
    conversations.stopBeforeDelete(dialogue::stopIn);
    realtime.onConnectionClosed(dialogue::disconnected);
    this.painting = new PaintWiring(platform, realtime, moderator);
    this.routes = List.of(new ConversationRoutes(auth, conversations),
      new CompletionsRoutes(auth, generations, config.maxInputChars()), painting.imagesRoutes(auth),
      painting.galleryRoutes(auth), new AiUsageRoutes(auth, usage, painting.repo(), config, platform.clock()));
    this.rpcMethods = List.of(new ChatRpc(dialogue), new CancelRpc(dialogue, painting.service()),
      new PaintRpc(painting.service()));
    this.personalData = new AiPersonalData(pool);
    this.retentionDays = platform.config().privacy().aiRetentionDays();
  }

  @Override
  public String name() {
    return "ai";
  }

  @Override
  public Future<Void> start() {
    budgets.start();
    return painting.start();
  }

  /** Stops background work (the token budgets' watch). */
  @Override
  public Future<Void> stop() {
    budgets.stop();
    return painting.stop();
  }

  /** Stores the answers of generations the closed sockets cancelled. */
  @Override
  public Future<Void> drain() {
    return dialogue.drain();
  }

  @Override
  public List<HttpRoutes> routes() {
    return routes;
  }

  @Override
  public List<RpcMethod> rpcMethods() {
    return rpcMethods;
  }

  /** Conversations and usage. */
  @Override
  public List<PersonalDataSource> personalData() {
    return List.of(personalData, painting.personalData());
  }

  /** Conversations are kept {@code privacy.retention.aiConversationDays}. */
  @Override
  public List<RetentionRule> retention() {
    return List.of(new RetentionRule(personalData, retentionDays));
  }

  /** A quota lease outlives the longest possible generation, then frees itself. */
  private static long leaseMs(AiConfig config) {
    long longest = config.provider().equals(OpenAiProvider.NAME)
      ? config.openai().maxDurationSeconds() * 1000L
      : config.simulated().replyTokens() * 1000L / config.simulated().tokensPerSecond();
    return longest + 60_000;
  }

  public DialogueService dialogue() {
    return dialogue;
  }

  /** The socket side over a given core (the node's; tests pass one that records what is sent). */
  DialogueService chat(Realtime realtime) {
    return new DialogueService(realtime, conversations, conversationRepo, generations, config.maxInputChars());
  }

  /** Who may start AI answers, and the meter of those streaming (youth mode). */
  public void gateDialogue(DialogueGate gate) {
    generations.gate(gate);
  }

  /** Where finished pictures are stored (media, through the bootstrap's adapter); set before the node serves. */
  public void useImageStore(AiImageStore store) {
    painting.paintings().use(store);
  }

  public PaintService paint() {
    return painting.service();
  }

  public Generations generations() {
    return generations;
  }

  public ConversationService conversations() {
    return conversations;
  }
}
