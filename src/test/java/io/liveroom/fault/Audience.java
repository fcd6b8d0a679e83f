package io.liveroom.fault;

import io.liveroom.support.Await;
import io.liveroom.support.TestUsers.TestUser;

import java.util.List;

import static io.liveroom.fault.FaultApi.channel;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audience of the node-fault drills: a live room, viewers connected through the balancer
 * (so about half land on each node), and the host publishing on node 2, which the drills leave
 * alone. Gathered once every viewer has the first message, so what follows starts from a known
 * offset.
 */
record Audience(long room, List<RecoveringClient> viewers, RecoveringClient publisher) {

  static Audience gather(Topology t, ClientRig rig, int viewers, String firstMessage) {
    FaultApi api = new FaultApi(t);
    TestUser host = api.user(true);
    TestUser viewer = api.user(false);
    long room = api.liveRoom(host);
    List<RecoveringClient> clients = rig.startAll(viewers, viewers,
      i -> rig.client(t.lbPort(), viewer.accessToken(), channel(room)));
    RecoveringClient publisher = rig.startAll(1, 1, i -> rig.client(t.node(1).port(), host.accessToken(), channel(room))).get(0);
    assertThat(Drill.chat(publisher, room, firstMessage).containsKey("error")).isFalse();
    Await.until("every viewer has the first message", 10, () -> clients.stream().allMatch(v -> v.pubs().size() >= 1));
    return new Audience(room, clients, publisher);
  }
}
