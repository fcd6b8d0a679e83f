package io.liveroom.realtime;

import io.liveroom.auth.AccessTokens;
import io.liveroom.auth.SessionGate;
import io.liveroom.realtime.broker.Broker;
import io.liveroom.realtime.presence.PresenceStore;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the connection layer, which the protocol tests cannot see: a socket session's state
 * changes only through its methods, and the command handlers reach the node only through the
 * narrow {@link CommandContext}.
 */
@DisplayName("A socket session keeps its state behind methods, and its handlers see a narrow context")
class SessionEncapsulationTest {
  /** Everything that runs a connection's commands. */
  private static final List<Class<?>> CONNECTION_LAYER = List.of(ClientSession.class, CommandIntake.class,
    CommandHandler.class, ConnectHandler.class, SubscribeHandler.class, Hub.class);

  @Test
  @DisplayName("Every field of a client session is private: handlers authenticate and subscribe it through methods")
  void sessionFieldsArePrivate() {
    List<String> open = new ArrayList<>();
    for (Field f : ClientSession.class.getDeclaredFields()) {
      if (!Modifier.isStatic(f.getModifiers()) && !Modifier.isPrivate(f.getModifiers())) {
        open.add(f.getName());
      }
    }
    assertThat(open).as("non-private instance fields of ClientSession").isEmpty();
  }

  @Test
  @DisplayName("No session, handler or hub holds or is built with the whole RealtimeServer")
  void handlersDoNotSeeTheServer() {
    List<String> found = new ArrayList<>();
    for (Class<?> c : CONNECTION_LAYER) {
      for (Field f : c.getDeclaredFields()) {
        if (f.getType() == RealtimeServer.class) {
          found.add(c.getSimpleName() + "." + f.getName());
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (Arrays.asList(k.getParameterTypes()).contains(RealtimeServer.class)) {
          found.add(c.getSimpleName() + "(" + RealtimeServer.class.getSimpleName() + ")");
        }
      }
    }
    assertThat(found).isEmpty();
  }

  @Test
  @DisplayName("The handlers' context hands out operations, not the broker, presence store, tokens or session gate")
  void contextHandsOutNoCollaborators() {
    List<Class<?>> collaborators = List.of(Broker.class, PresenceStore.class, AccessTokens.class, SessionGate.class,
      Namespaces.class, RpcMethods.class, Fanout.class, RealtimeServer.class);
    List<String> getters = new ArrayList<>();
    for (Method m : CommandContext.class.getDeclaredMethods()) {
      if (collaborators.contains(m.getReturnType())) {
        getters.add(m.getName());
      }
    }
    assertThat(getters).isEmpty();
  }

  @Test
  @DisplayName("RealtimeServer hands out no collaborator but its broker (for the tests that cut its connections)")
  void serverHandsOutOnlyTheBroker() {
    List<Class<?>> collaborators = List.of(PresenceStore.class, AccessTokens.class, SessionGate.class,
      Namespaces.class, RpcMethods.class, Fanout.class, RealtimeMetrics.class,
      io.liveroom.config.RealtimeConfig.class, CommandContext.class);
    List<String> getters = new ArrayList<>();
    for (Method m : RealtimeServer.class.getDeclaredMethods()) {
      if (m.getParameterCount() == 0 && collaborators.contains(m.getReturnType())) {
        getters.add(m.getName());
      }
    }
    assertThat(getters).isEmpty();
  }
}
