package io.liveroom.loadtest;

import io.liveroom.realtime.protocol.ClientProtocol.Publication;
import io.liveroom.realtime.protocol.ClientProtocol.SubscribeResult;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Protobuf results in the shape of their JSON form (snake_case names), so scenarios read one shape. */
final class ProtoResults {
  private ProtoResults() {
  }

  static JsonObject subscribe(SubscribeResult s) {
    JsonArray pubs = new JsonArray();
    for (Publication p : s.getPublicationsList()) {
      pubs.add(new JsonObject().put("data", new JsonObject(Buffer.buffer(p.getData().toByteArray())))
        .put("offset", p.getOffset()));
    }
    return new JsonObject().put("epoch", s.getEpoch()).put("offset", s.getOffset())
      .put("recoverable", s.getRecoverable()).put("positioned", s.getPositioned())
      .put("was_recovering", s.getWasRecovering()).put("recovered", s.getRecovered()).put("publications", pubs);
  }
}
