package io.liveroom.ai;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The context window is the system prompt plus the newest messages that fit the token budget")
class ContextWindowTest {
  private static StoredMessage message(long id, String role, String content, String status) {
    OffsetDateTime now = OffsetDateTime.now();
    return new StoredMessage(id, role, content, status, null, "00000000-0000-0000-0000-000000000000", null, null, now, now);
  }

  @Test
  @DisplayName("Old messages are dropped first, error answers are skipped, and the order stays oldest first")
  void trimsOldestFirst() {
    List<StoredMessage> rows = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      rows.add(message(i, i % 2 == 1 ? "user" : "assistant", "m" + i + " " + "word ".repeat(20), "complete"));
    }
    rows.add(message(11, "assistant", "", "error"));
    rows.add(message(12, "user", "latest question", "complete"));
    int perMessage = TokenEstimator.PER_MESSAGE + TokenEstimator.estimate(rows.get(0).content());
    List<PromptMessage> window = ConversationService.trim("Be brief.", rows, 3 * perMessage);
    assertThat(window.get(0)).isEqualTo(new PromptMessage("system", "Be brief."));
    assertThat(window.get(window.size() - 1).content()).isEqualTo("latest question");
    assertThat(window).extracting(PromptMessage::content).noneMatch(String::isEmpty);
    assertThat(window).hasSize(4);
    assertThat(window.get(1).content()).startsWith("m9 ");
    assertThat(TokenEstimator.estimate(window)).isLessThanOrEqualTo(3 * perMessage);
  }

  @Test
  @DisplayName("The newest message is kept even when it alone exceeds the budget")
  void keepsNewest() {
    List<PromptMessage> window = ConversationService.trim(null,
      List.of(message(1, "user", "x".repeat(4000), "complete")), 100);
    assertThat(window).hasSize(1);
  }

  @Test
  @DisplayName("Token estimates count about four Latin characters or one CJK character per token")
  void estimates() {
    assertThat(TokenEstimator.estimate("abcdefgh")).isEqualTo(2);
    assertThat(TokenEstimator.estimate("你好世界")).isEqualTo(4);
    assertThat(TokenEstimator.estimate("")).isZero();
  }
}
