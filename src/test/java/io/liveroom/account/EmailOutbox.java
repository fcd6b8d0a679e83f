package io.liveroom.account;

import io.liveroom.support.TestHttp;
import io.vertx.core.json.JsonArray;

import static org.assertj.core.api.Assertions.assertThat;

/** Reads the newest code the dev-outbox email stand-in "sent" to an address. */
final class EmailOutbox {
  private EmailOutbox() {
  }

  static String outboxCode(TestHttp http, String address) {
    TestHttp.Response box = http.get("/api/v1/dev/email-outbox?address=" + address);
    assertThat(box.status()).as(box.toString()).isEqualTo(200);
    JsonArray messages = box.json().getJsonArray("messages");
    assertThat(messages).isNotEmpty();
    return messages.getJsonObject(0).getString("code");
  }
}
