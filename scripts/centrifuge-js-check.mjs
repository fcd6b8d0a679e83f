// Hand check that the official centrifuge-js SDK works against the socket unchanged, over JSON and
// over Protobuf, with Node's ws at its defaults (it offers permessage-deflate, as browsers do).
//   npm install centrifuge@5.8.0 ws@8 && LIVEROOM_WS_URL=ws://127.0.0.1:8080/connection/websocket \
//     LIVEROOM_TOKEN=<access token> LIVEROOM_CHANNEL=bench:room node centrifuge-js-check.mjs
// The channel must accept the token's user's subscribe and publish (bench:* on a node with
// realtime.benchmarkNamespace=true, e.g. conf/loadtest.json). Exits non-zero on the first failure.
import { Centrifuge as JsonCentrifuge } from 'centrifuge';
import { Centrifuge as ProtobufCentrifuge } from 'centrifuge/build/protobuf';
import WebSocket from 'ws';

const url = process.env.LIVEROOM_WS_URL;
const token = process.env.LIVEROOM_TOKEN;
const channel = process.env.LIVEROOM_CHANNEL ?? 'bench:room';

function check(ok, what) {
  if (!ok) {
    console.error('FAILED:', what);
    process.exit(1);
  }
  console.log('ok:', what);
}

async function errorOf(call) {
  try {
    await call();
    return null;
  } catch (e) {
    return e;
  }
}

// Over Protobuf, publication data is bytes: ours carry JSON (see docs/PROTOCOL.md).
const asJson = {
  encode: data => data,
  decode: data => data,
};
const asBytes = {
  encode: data => new TextEncoder().encode(JSON.stringify(data)),
  decode: data => JSON.parse(new TextDecoder().decode(data)),
};

async function run(name, Centrifuge, codec) {
  const client = new Centrifuge(url, { token, websocket: WebSocket });
  const connected = new Promise(resolve => client.once('connected', resolve));
  const sub = client.newSubscription(channel);
  const received = [];
  sub.on('publication', ctx => received.push({ ...ctx, data: codec.decode(ctx.data) }));
  sub.subscribe();
  client.connect();
  const ctx = await connected;
  check(ctx.transport === 'websocket' && ctx.client, `${name}: connect with the access token`);
  await sub.ready(5000);
  check(true, `${name}: subscribe to ${channel}`);
  const marker = `${name}-${Date.now()}`;
  await sub.publish(codec.encode({ marker }));
  for (let i = 0; i < 50 && !received.some(p => p.data.marker === marker); i++) {
    await new Promise(r => setTimeout(r, 20));
  }
  const own = received.find(p => p.data.marker === marker);
  check(own !== undefined, `${name}: its own publication comes back`);
  check(own.info && own.info.client === ctx.client, `${name}: the publication names its publisher`);
  const rpc = await errorOf(() => client.rpc('no.such.method', {}));
  check(rpc && rpc.code === 104, `${name}: an unknown RPC method is error 104`);
  const stats = await errorOf(() => sub.presenceStats());
  check(stats && stats.code === 108 && !stats.temporary, `${name}: presence on a channel without it is 108, not temporary`);
  const disconnected = new Promise(resolve => client.once('disconnected', resolve));
  client.disconnect();
  await disconnected;
  check(true, `${name}: disconnect`);
}

await run('json', JsonCentrifuge, asJson);
await run('protobuf', ProtobufCentrifuge, asBytes);
process.exit(0);
