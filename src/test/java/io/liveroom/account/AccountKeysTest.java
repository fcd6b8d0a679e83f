package io.liveroom.account;

import io.liveroom.Node;
import io.liveroom.support.TestHttp;
import io.liveroom.support.TestInfra;
import io.liveroom.support.TestNodes;
import io.liveroom.support.TestUsers;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

@DisplayName("The embedded default generates encryption keys once and keeps them under data.dir")
class AccountKeysTest {
  @Test
  @DisplayName("Keys are generated owner-only on first start, and a restarted node still reads stored phones")
  void keysSurviveRestart(@TempDir Path dir) throws Exception {
    TestInfra.get().reset();
    Node first = TestNodes.start(json -> json.getJsonObject("data").put("dir", dir.toString()));
    TestUsers.TestUser u;
    try {
      u = TestUsers.register(new TestHttp(first.httpPort()));
    } finally {
      TestNodes.stop(first);
    }
    Path file = dir.resolve(AccountKeys.FILE);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    String keys = Files.readString(file);

    Node second = TestNodes.start(json -> json.getJsonObject("data").put("dir", dir.toString()));
    try {
      TestHttp http = new TestHttp(second.httpPort());
      assertThat(http.get("/api/v1/me", u.accessToken()).json().getString("phone"))
        .endsWith(u.phone().substring(u.phone().length() - 4));
      assertThat(Files.readString(file)).isEqualTo(keys);
    } finally {
      TestNodes.stop(second);
    }
  }
}
