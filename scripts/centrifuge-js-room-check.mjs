// Hand check of centrifuge-js 5.8.0 in a live room (room:{id}, a history channel): recovery of the
// chat missed while disconnected, history and presence stats, then an AI answer streamed on the
// personal channel (server-side subscription), over JSON with Node's ws.
//   npm install centrifuge@5.8.0 ws@8 && LIVEROOM_URL=http://127.0.0.1:8080 POLICY=2026-01 \
//     node centrifuge-js-room-check.mjs
// Needs a node with the dev-outbox SMS sender and the local identity provider (the embedded
// default): it registers a host and two viewers through the API, takes a room live, and chats.
// POLICY is the node's accounts.policyVersion. Exits non-zero on the first failure.
import { Centrifuge } from 'centrifuge';
import WebSocket from 'ws';
const base = process.env.LIVEROOM_URL;
const wsUrl = base.replace('http', 'ws') + '/connection/websocket';
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
function idNumber() {
  const d = new Date(Date.UTC(1970, 0, 1) + Math.floor(Math.random() * 365 * 30) * 86400000);
  const ymd = d.toISOString().slice(0, 10).replaceAll('-', '');
  const n = '110101' + ymd + String(Math.floor(Math.random() * 1000)).padStart(3, '0');
  let sum = 0; for (let i = 0; i < 17; i++) sum += (n.charCodeAt(i) - 48) * WEIGHTS[i];
  return n + CHECK[sum % 11];
}
async function api(method, path, token, body, status) {
  const r = await fetch(base + path, { method, headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: 'Bearer ' + token } : {}) }, body: body ? JSON.stringify(body) : undefined });
  const text = await r.text();
  if (status && r.status !== status) throw new Error(`${method} ${path} -> ${r.status} ${text}`);
  return text ? JSON.parse(text) : {};
}
async function verifiedUser() {
  const phone = '+86139' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  await api('POST', '/api/v1/auth/sms-codes', null, { phone, purpose: 'register' }, 202);
  const box = await api('GET', '/api/v1/dev/sms-outbox?phone=' + encodeURIComponent(phone), null, null, 200);
  const code = box.messages.find(m => m.purpose === 'register').code;
  const reg = await api('POST', '/api/v1/auth/register', null, { phone, code, password: 'Load-test-pass-1', nickname: 'js' + Math.floor(Math.random() * 1e6), policyVersion: process.env.POLICY }, 201);
  await api('POST', '/api/v1/me/identity', reg.accessToken, { realName: '张测试', idNumber: idNumber() }, 200);
  return reg.accessToken;
}
function check(ok, what) { if (!ok) { console.error('FAILED:', what); process.exit(1); } console.log('ok:', what); }
const sleep = ms => new Promise(r => setTimeout(r, ms));

const host = await verifiedUser();
const room = await api('POST', '/api/v1/rooms', host, { title: 'js recovery', category: 'chat' }, 201);
const roomId = (room.room ?? room).id;
await api('POST', `/api/v1/rooms/${roomId}/start`, host, {}, 200);
const channel = `room:${roomId}`;
const [tokA, tokB] = [await verifiedUser(), await verifiedUser()];

const a = new Centrifuge(wsUrl, { token: tokA, websocket: WebSocket });
const b = new Centrifuge(wsUrl, { token: tokB, websocket: WebSocket });
const got = [];
const subscribed = [];
const subA = a.newSubscription(channel);
subA.on('publication', ctx => { if (ctx.data.type === 'chat') got.push(ctx.data.text); });
subA.on('subscribed', ctx => subscribed.push(ctx));
const subB = b.newSubscription(channel);
subA.subscribe(); subB.subscribe();
a.connect(); b.connect();
await subA.ready(5000); await subB.ready(5000);
check(subscribed[0].recoverable && subscribed[0].positioned, 'room channel is recoverable and positioned');
await subB.publish({ text: 'one' });
for (let i = 0; i < 50 && got.length < 1; i++) await sleep(20);
check(got.length === 1 && got[0] === 'one', 'live chat arrives');
a.disconnect();
await sleep(100);
for (const t of ['two', 'three', 'four']) await subB.publish({ text: t });
a.connect();
for (let i = 0; i < 100 && got.length < 4; i++) await sleep(20);
const re = subscribed[subscribed.length - 1];
check(re.wasRecovering && re.recovered, `resubscribe recovered (wasRecovering ${re.wasRecovering}, recovered ${re.recovered})`);
check(JSON.stringify(got) === JSON.stringify(['one', 'two', 'three', 'four']), 'missed chat recovered in order: ' + JSON.stringify(got));
const hist = await subA.history({ limit: 10 });
check(hist.publications.filter(p => p.data.type === 'chat').length === 4, 'history has the 4 chat messages');
const stats = await subA.presenceStats();
check(stats.numClients >= 2, 'presence stats count the audience: ' + JSON.stringify(stats));

// AI dialogue over the same SDK: ai.chat answers on the personal channel, a server-side
// subscription the SDK reports as client-level publications.
const conversation = await api('POST', '/api/v1/ai/conversations', tokA, { title: 'js check' }, 201);
const answer = [];
const ended = new Promise(resolve => a.on('publication', ctx => {
  if (!ctx.channel.startsWith('user:')) return;
  answer.push(ctx.data.type);
  if (ctx.data.type === 'done' || ctx.data.type === 'error') resolve(ctx.data);
}));
const rpc = await a.rpc('ai.chat', { conversationId: conversation.id, text: 'Hello from centrifuge-js', requestId: 'js-' + Date.now() });
check(typeof rpc.data.generationId === 'string', 'ai.chat RPC returns a generation id');
const end = await ended;
check(end.type === 'done' && answer[0] === 'start' && answer.filter(t => t === 'delta').length > 0,
  `the answer streams on the personal channel: start, ${answer.filter(t => t === 'delta').length} deltas, ${end.type}`);
a.disconnect(); b.disconnect();
process.exit(0);
