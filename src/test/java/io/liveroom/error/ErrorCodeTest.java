package io.liveroom.error;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The error vocabulary is one stable list: no code or protocol number means two things")
class ErrorCodeTest {

  @Test
  @DisplayName("String codes are unique, snake_case, and protocol numbers are unique")
  void uniqueCodes() {
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::code)).doesNotHaveDuplicates()
      .allMatch(c -> c.matches("[a-z][a-z0-9_]*"));
    assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::protocolCode)).doesNotHaveDuplicates();
  }

  @Test
  @DisplayName("Our own protocol codes stay out of the reference protocol's range, and statuses are HTTP errors")
  void ranges() {
    for (ErrorCode c : ErrorCode.values()) {
      // Ours: 1000-1999, and youth mode's 2050-2099 (its numbers match its unsubscribe codes 2050/2051);
      // never 3000+, where the disconnect codes live.
      int p = c.protocolCode();
      assertThat(p < 1000 ? p >= 100 && p <= 112 : p < 2000 || (p >= 2050 && p <= 2099))
        .as("%s protocol code %d", c, c.protocolCode()).isTrue();
      assertThat(c.httpStatus()).as("%s status", c).isBetween(400, 599);
    }
  }
}
