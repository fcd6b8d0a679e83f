package io.liveroom.media;

import io.liveroom.support.LiveNode;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestUsers;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import static org.assertj.core.api.Assertions.assertThat;

/** A user's data export, read the way the user gets it: request, poll, download. */
final class ExportCheck {
  private ExportCheck() {
  }

  /** The export lists exactly {@code ids} under {@code media}, each with a signed link that serves the picture. */
  static void assertExportLists(LiveNode node, MediaHttp media, TestUsers.TestUser user, String... ids) {
    TestHttp http = node.http();
    TestHttp.Response started = http.post("/api/v1/me/exports", new JsonObject(), user.accessToken());
    assertThat(started.status()).as("export: %s", started).isEqualTo(202);
    String exportId = started.json().getString("id");
    JsonObject ready = null;
    long deadline = System.currentTimeMillis() + 30_000;
    while (ready == null && System.currentTimeMillis() < deadline) {
      JsonObject status = http.get("/api/v1/me/exports/" + exportId, user.accessToken()).json();
      if (!"pending".equals(status.getString("status"))) {
        ready = status;
      }
      Thread.onSpinWait();
    }
    assertThat(ready).as("export finished in time").isNotNull();
    JsonArray listed = http.get(ready.getString("downloadUrl")).json().getJsonObject("categories").getJsonArray("media");
    assertThat(listed.stream().map(o -> ((JsonObject) o).getString("id"))).containsExactlyInAnyOrder(ids);
    for (Object o : listed) {
      String link = ((JsonObject) o).getJsonObject("urls").getString("thumb");
      assertThat(media.get(link).status()).as("export link %s", link).isEqualTo(200);
    }
  }
}
