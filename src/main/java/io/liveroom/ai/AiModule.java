package io.liveroom.ai;

import io.liveroom.config.AiConfig;
import io.liveroom.http.BearerAuth;
import io.liveroom.http.HttpRoutes;
import io.liveroom.realtime.Realtime;
import io.liveroom.realtime.RpcMethod;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.RedisAPI;
import io.vertx.sqlclient.Pool;

import java.time.Clock;
import java.util.List;

/**
 * AI dialogue, wired: the configured provider, quotas, moderation, usage ledger and conversations.
 * The HTTP routes are ready at once; the socket side needs the real-time core's {@link Realtime}:
 * {@link #chat(Realtime)} builds the {@link DialogueService} whose RPC methods the core registers,
 * and whose {@code disconnected} the core calls when a connection closes.
 */
public final class AiModule {
  private final AiConfig config;
  private final Generations generations;
  private final ConversationRepository conversationRepo;
  private final ConversationService conversations;
  private final TokenBudgets budgets;

  private AiModule(AiConfig config, Generations generations, ConversationRepository repo, TokenBudgets budgets) {
    this.config = config;
    this.budgets = budgets;
    this.generations = generations;
    this.conversationRepo = repo;
    this.conversations = new ConversationService(repo, config.contextTokenBudget(), generations);
  }

  public static Future<AiModule> create(Vertx vertx, AiConfig config, Pool pool, RedisAPI redis,
                                        MeterRegistry registry) {
    LlmProvider provider = config.provider().equals(OpenAiProvider.NAME)
      ? new OpenAiProvider(vertx, config.openai())
      : new SimulatedProvider(vertx, config.simulated());
    UsageRepository usage = new UsageRepository(vertx, pool);
    // Today's token budgets survive a Redis wipe: refilled from ai_usage (checked every second).
    // Built on a worker: loading the class reads its Lua script from the classpath.
    Future<TokenBudgets> budgets = vertx.executeBlocking(() -> new TokenBudgets(vertx, usage, redis, Clock.systemUTC()),
      false);
    return Future.all(AiQuotas.load(vertx, redis, config.quota(), leaseMs(config)), budgets).map(all -> {
      AiQuotas quotas = all.resultAt(0);
      AiModule module = new AiModule(config,
        new Generations(provider, quotas, usage, new WordListModerator(config.blockedWords()),
          new AiMetrics(registry, provider.name())),
        new ConversationRepository(pool), all.resultAt(1));
      module.budgets.start();
      return module;
    });
  }

  /** Stops background work (the token budgets' watch). */
  public void stop() {
    budgets.stop();
  }

  /** A quota lease outlives the longest possible generation, then frees itself. */
  private static long leaseMs(AiConfig config) {
    long longest = config.provider().equals(OpenAiProvider.NAME)
      ? config.openai().maxDurationSeconds() * 1000L
      : config.simulated().replyTokens() * 1000L / config.simulated().tokensPerSecond();
    return longest + 60_000;
  }

  public List<HttpRoutes> httpModules(BearerAuth auth) {
    return List.of(new ConversationRoutes(auth, conversations),
      new CompletionsRoutes(auth, generations, config.maxInputChars()));
  }

  /** The socket side; register {@link #rpcMethods} and the service as the core's connection listener. */
  public DialogueService chat(Realtime realtime) {
    return new DialogueService(realtime, conversations, conversationRepo, generations, config.maxInputChars());
  }

  public static List<RpcMethod> rpcMethods(DialogueService chat) {
    return List.of(new ChatRpc(chat), new CancelRpc(chat));
  }

  public Generations generations() {
    return generations;
  }

  public ConversationService conversations() {
    return conversations;
  }
}
