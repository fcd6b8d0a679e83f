package io.liveroom.realtime;

import io.liveroom.error.ErrorCode;
import io.liveroom.realtime.protocol.ClientProtocol.Reply;
import io.vertx.pgclient.PgException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("Socket error replies use the same classification as HTTP")
class FailureRepliesTest {

  @Test
  @DisplayName("An unreachable database is service_unavailable (temporary), a bug is internal")
  void outageIsTemporaryUnavailable() {
    for (Throwable down : new Throwable[] {new ConnectException("Connection refused"),
      new PgException("terminating connection due to administrator command", "FATAL", "57P01", null)}) {
      Reply reply = CommandHandler.error(4, down);
      assertThat(reply.getId()).isEqualTo(4);
      assertThat(reply.getError().getCode()).as(down.toString()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE.protocolCode());
      assertThat(reply.getError().getTemporary()).isTrue();
    }
    Reply bug = CommandHandler.error(5, new IllegalStateException("a bug"));
    assertThat(bug.getError().getCode()).isEqualTo(ErrorCode.INTERNAL.protocolCode());
    assertThat(bug.getError().getMessage()).isEqualTo("internal server error");
  }
}
