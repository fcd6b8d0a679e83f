package io.liveroom.realtime;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@DisplayName("Channel names: namespace:id with the documented characters and lengths, else 107; unknown namespace 102")
class NamespacesTest {
  private static final ChannelNamespace FEED =
    TestChannels.ns("feed_1-a", new NamespaceOptions(0, Duration.ZERO, false, false, false), true);

  private static ErrorCode refusal(Namespaces ns, String channel) {
    AppException e = catchThrowableOfType(() -> ns.resolve(channel), AppException.class);
    return e == null ? null : e.code();
  }

  @Test
  @DisplayName("valid names resolve; every malformed one is a bad request, an unregistered namespace unknown")
  void names() {
    Namespaces ns = new Namespaces();
    ns.register(FEED);
    String longId = "a".repeat(190);
    assertThat(ns.resolve("feed_1-a:room.7@x=y_z-1")).isSameAs(FEED);
    assertThat(ns.resolve("feed_1-a:" + longId)).isSameAs(FEED);
    for (String bad : new String[] {null, "", "feed_1-a", ":x", "feed_1-a:", "feed_1-a:" + longId + "a",
      "feed_1-a:a:b", "feed_1-a:a b", "feed_1-a:é", "fe.ed:x", "feed/1:x", "a".repeat(65) + ":x"}) {
      assertThat(refusal(ns, bad)).as("channel %s", bad).isEqualTo(ErrorCode.BAD_REQUEST);
    }
    assertThat(refusal(ns, "a".repeat(64) + ":x")).isEqualTo(ErrorCode.UNKNOWN_CHANNEL);
    assertThat(refusal(ns, "other:x")).isEqualTo(ErrorCode.UNKNOWN_CHANNEL);
  }
}
