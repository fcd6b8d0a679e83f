// The stock openai npm client against a running Liveroom node, unchanged but for its base URL
// and key: LIVEROOM_BASE_URL (http://host:port/v1) and LIVEROOM_TOKEN (an access token as the API
// key). Generates a picture (JSON), a streamed one, and an edit; prints one JSON line with what it
// saw and exits non-zero on any failure.
import OpenAI, { toFile } from 'openai';

const client = new OpenAI({ baseURL: process.env.LIVEROOM_BASE_URL, apiKey: process.env.LIVEROOM_TOKEN, maxRetries: 0 });
const size = process.env.LIVEROOM_SIZE || '256x256';
const PNG = [0x89, 0x50, 0x4e, 0x47];

function isPng(b64) {
  const bytes = Buffer.from(b64, 'base64');
  return PNG.every((b, i) => bytes[i] === b);
}

const out = {};
const plain = await client.images.generate({ model: 'gpt-image-1', prompt: 'a lighthouse at dusk', size });
out.generatePng = isPng(plain.data[0].b64_json);

const stream = await client.images.generate({ model: 'gpt-image-1', prompt: 'a harbour at dawn', size,
  stream: true, partial_images: 2 });
out.streamEvents = [];
for await (const event of stream) {
  out.streamEvents.push(event.type);
  if (event.type === 'image_generation.completed') {
    out.streamPng = isPng(event.b64_json);
  }
}

const edit = await client.images.edit({ model: 'gpt-image-1', prompt: 'make it night', size,
  image: await toFile(Buffer.from(plain.data[0].b64_json, 'base64'), 'reference.png', { type: 'image/png' }) });
out.editPng = isPng(edit.data[0].b64_json);

try {
  await client.images.generate({ prompt: 'x', size: '7x7' });
  out.badSize = 'accepted';
} catch (e) {
  out.badSize = `${e.status} ${e.code}`;
}
console.log(JSON.stringify(out));
