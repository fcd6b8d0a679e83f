package io.liveroom.reward;

import io.liveroom.config.AppConfig;
import io.liveroom.config.ConfigLoader;
import io.liveroom.config.RewardsConfig;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DisplayName("A posting must balance per currency before it can be written")
class PostingTest {
  @Test
  @DisplayName("Legs that do not sum to zero in a currency are refused, even if the other currency balances")
  void unbalancedRefused() {
    assertThatThrownBy(() -> Posting.of("gift", "k", List.of(
      new Posting.Leg(1, AccountKind.USER_COINS, -10), new Posting.Leg(2, AccountKind.PLATFORM_REVENUE, 9))))
      .hasMessageContaining("does not balance in coin");
    assertThatThrownBy(() -> Posting.of("gift", "k", List.of(
      new Posting.Leg(1, AccountKind.USER_COINS, -10), new Posting.Leg(3, AccountKind.HOST_BEANS, 10))))
      .hasMessageContaining("does not balance");
    assertThatThrownBy(() -> Posting.of("gift", "k", List.of(new Posting.Leg(1, AccountKind.USER_COINS, 0))))
      .hasMessageContaining("zero-amount");
  }

  @Test
  @DisplayName("Debits of non-negative accounts are inline and conditional; credits to deferred accounts are folded")
  void inlineAndFolded() {
    Posting gift = Posting.of("gift", "k", List.of(
      new Posting.Leg(5, AccountKind.USER_COINS, -10), new Posting.Leg(1, AccountKind.PLATFORM_REVENUE, 10),
      new Posting.Leg(9, AccountKind.HOST_BEANS, 4), new Posting.Leg(2, AccountKind.BEAN_ISSUANCE, -4)));
    assertThat(gift.needsFolding()).isTrue();
    assertThat(gift.inlineLegsInLockOrder()).extracting(Posting.Leg::accountId).containsExactly(5L);
    Posting withdraw = Posting.of("withdrawal_request", "w", List.of(
      new Posting.Leg(9, AccountKind.HOST_BEANS, -4), new Posting.Leg(3, AccountKind.WITHDRAWAL_PENDING, 4)));
    assertThat(withdraw.needsFolding()).isFalse();
    assertThat(withdraw.inlineLegsInLockOrder()).extracting(Posting.Leg::accountId).containsExactly(3L, 9L);
    assertThatThrownBy(() -> Posting.of("mixed", "m", List.of(
      new Posting.Leg(9, AccountKind.HOST_BEANS, -4), new Posting.Leg(8, AccountKind.HOST_BEANS, 4))))
      .hasMessageContaining("mixes folded and inline");
  }

  @Test
  @DisplayName("The host's share is rounded down and exact for the largest amounts")
  void hostShare() {
    RewardsConfig c = AppConfig.from(ConfigLoader.readDefaults()).rewards();
    assertThat(c.hostSharePercent()).isEqualTo(50);
    assertThat(c.hostBeans(7)).isEqualTo(3);
    assertThat(c.hostBeans(Long.MAX_VALUE / 4)).isEqualTo(Long.MAX_VALUE / 4 / 2);
  }
}
