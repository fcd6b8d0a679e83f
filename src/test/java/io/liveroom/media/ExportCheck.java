package io.liveroom.media;

import io.liveroom.support.LiveNode;
import io.liveroom.support.PrivacyRequests;
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
    JsonArray listed = PrivacyRequests.exportCategories(node.http(), user).getJsonArray("media");
    assertThat(listed.stream().map(o -> ((JsonObject) o).getString("id"))).containsExactlyInAnyOrder(ids);
    for (Object o : listed) {
      String link = ((JsonObject) o).getJsonObject("urls").getString("thumb");
      assertThat(media.get(link).status()).as("export link %s", link).isEqualTo(200);
    }
  }
}
