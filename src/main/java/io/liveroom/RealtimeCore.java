package io.liveroom;

import io.liveroom.account.AccountsCapability;
import io.liveroom.auth.AccessTokens;
import io.liveroom.capability.Platform;
import io.liveroom.config.AppConfig;
import io.liveroom.infra.RedisClients;
import io.liveroom.realtime.BenchmarkNamespace;
import io.liveroom.realtime.Namespaces;
import io.liveroom.realtime.RealtimeServer;
import io.liveroom.realtime.RpcMethods;
import io.liveroom.realtime.broker.Broker;
import io.liveroom.realtime.broker.MemoryBroker;
import io.liveroom.realtime.broker.RedisBroker;
import io.liveroom.realtime.presence.MemoryPresence;
import io.liveroom.realtime.presence.PresenceStore;
import io.liveroom.realtime.presence.RedisPresence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the real-time core: the broker and presence of the configured kind, sockets authenticated
 * through the accounts gate, and the bridge that closes a user's sockets on every node when a
 * session is revoked or the account disabled. Capabilities plug their namespaces and RPC methods
 * into the registries it is given before it starts.
 */
final class RealtimeCore {
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeCore.class);

  private RealtimeCore() {
  }

  static RealtimeServer build(Platform platform, AccessTokens tokens, AccountsCapability accounts,
                              Namespaces namespaces, RpcMethods rpcMethods) {
    AppConfig config = platform.config();
    boolean redisBroker = "redis".equals(config.realtime().broker());
    Broker broker = redisBroker
      ? new RedisBroker(platform.vertx(), platform.redisClient(),
        RedisClients.options(config.redis().url(), config.redis().poolSize()))
      : new MemoryBroker();
    PresenceStore presence = redisBroker ? new RedisPresence(platform.redisClient()) : new MemoryPresence();
    RealtimeServer realtime = new RealtimeServer(platform.vertx(), config.nodeId(), config.realtime(), broker,
      presence, tokens, accounts.gate(), namespaces, rpcMethods, platform.meters());
    if (config.realtime().benchmarkNamespace()) {
      LOG.warn("realtime.benchmarkNamespace is on: anyone with a token may publish in bench:* and benchlive:* (benchmark stand-ins)");
      namespaces.register(BenchmarkNamespace.plain());
      namespaces.register(BenchmarkNamespace.live());
    }
    accounts.events().add(new RealtimeSessionEvents(realtime));
    return realtime;
  }
}
