// Hand check that the stock `openai` npm client works against /v1 unchanged.
//   npm install openai@4 && LIVEROOM_URL=http://127.0.0.1:8080 LIVEROOM_TOKEN=<access token> node openai-client-check.mjs
import OpenAI from 'openai';

const client = new OpenAI({ apiKey: process.env.LIVEROOM_TOKEN, baseURL: `${process.env.LIVEROOM_URL}/v1` });
const models = await client.models.list();
console.log('models', models.data.map(m => m.id));
const model = models.data[0].id;
const stream = await client.chat.completions.create({
  model, stream: true, stream_options: { include_usage: true },
  messages: [{ role: 'user', content: 'Hello from the openai npm client' }],
});
let text = '';
let usage = null;
for await (const chunk of stream) {
  if (chunk.usage) usage = chunk.usage;
  text += chunk.choices[0]?.delta?.content ?? '';
}
console.log('streamed', JSON.stringify(text), 'usage', JSON.stringify(usage));
const whole = await client.chat.completions.create({ model, messages: [{ role: 'user', content: 'Hi' }] });
console.log('non-streaming', JSON.stringify(whole.choices[0].message.content), JSON.stringify(whole.usage));
try {
  await client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'Hi' }] });
} catch (e) {
  console.log('error as expected', e.status, e.code);
}
