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
      // Ours are 1000-2999: the reference protocol's disconnect codes start at 3000.
      assertThat(c.protocolCode() < 1000 ? c.protocolCode() >= 100 && c.protocolCode() <= 112 : c.protocolCode() < 3000)
        .as("%s protocol code %d", c, c.protocolCode()).isTrue();
      assertThat(c.httpStatus()).as("%s status", c).isBetween(400, 599);
    }
  }
}
