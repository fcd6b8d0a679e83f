package io.liveroom.support;

import io.liveroom.Node;
import io.liveroom.support.TestUsers.TestUser;
import io.vertx.core.json.JsonObject;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's privacy requests as the app makes them, for the tests of every capability that holds
 * personal data: the data export (request, poll, download), the account cancellation, and the
 * housekeeping run that erases accounts past their cooling-off period.
 */
public final class PrivacyRequests {
  private PrivacyRequests() {
  }

  /** Requests an export, waits (up to 30 s) until it is ready, and downloads it (asserted 200). */
  public static TestHttp.Response exportFile(TestHttp http, TestUser u) {
    TestHttp.Response started = http.post("/api/v1/me/exports", new JsonObject(), u.accessToken());
    assertThat(started.status()).as("export: %s", started).isEqualTo(202);
    String path = "/api/v1/me/exports/" + started.json().getString("id");
    AtomicReference<JsonObject> status = new AtomicReference<>();
    Await.until("the export", 30, () -> {
      status.set(http.get(path, u.accessToken()).json());
      return !"pending".equals(status.get().getString("status"));
    });
    assertThat(status.get().getString("status")).as("export: %s", status.get()).isEqualTo("ready");
    TestHttp.Response file = http.get(status.get().getString("downloadUrl"));
    assertThat(file.status()).as("download: %s", file).isEqualTo(200);
    return file;
  }

  /** The downloaded export's {@code categories}. */
  public static JsonObject exportCategories(TestHttp http, TestUser u) {
    return exportFile(http, u).json().getJsonObject("categories");
  }

  /** Asks to cancel the account with the user's password and {@code accessToken}; asserts it is accepted (202). */
  public static void cancel(TestHttp http, TestUser u, String accessToken) {
    TestHttp.Response r = http.post("/api/v1/me/cancellation", new JsonObject().put("password", u.password()),
      accessToken);
    assertThat(r.status()).as("cancellation: %s", r).isEqualTo(202);
  }

  public static void cancel(TestHttp http, TestUser u) {
    cancel(http, u, u.accessToken());
  }

  /** Runs the node's privacy housekeeping (erasure after the cooling-off period, retention) to its end. */
  public static JsonObject housekeeping(Node node) throws Exception {
    return node.privacy().runHousekeeping().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
