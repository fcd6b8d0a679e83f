// Drives a node through the TypeScript client generated from the OpenAPI file: register with an SMS
// code read from the dev outbox, log in, list live rooms. ApiClientTest runs it against a real node:
//   node main.js <base URL> <phone>
// It prints one JSON line and exits 0, or prints {"error": ...} and exits 1. The generated decoders
// do not check required fields, so every answer goes through the generated instanceOf guard too:
// a field the file promises but the server does not send fails the run.
import {
  AccountsApi, Configuration, PrivacyApi, ResponseError, RoomsApi,
  instanceOfAuthResponse, instanceOfGetPolicy200Response, instanceOfRoom, instanceOfRoomPage,
} from '../../../target/api-client/generated';

// Node's process object, declared here rather than pulling in @types/node for two fields.
declare const process: { argv: string[]; exitCode?: number };

const PASSWORD = 'correct horse battery staple';

function expectShape<T extends object>(what: string, value: T, guard: (v: object) => boolean): T {
  if (!guard(value)) {
    throw new Error(`${what} lacks a required field: ${JSON.stringify(value)}`);
  }
  return value;
}

async function main(basePath: string, phone: string): Promise<object> {
  const anonymous = new Configuration({ basePath });
  const accounts = new AccountsApi(anonymous);

  const policy = expectShape('policy', await new PrivacyApi(anonymous).getPolicy(), instanceOfGetPolicy200Response);
  await accounts.sendSmsCode({ smsCodeRequest: { phone, purpose: 'register' } });
  const outbox = await accounts.listDevSmsOutbox({ phone });
  const code = outbox.messages?.find(m => m.purpose === 'register')?.code;
  if (!code) {
    throw new Error(`no register code in the dev outbox: ${JSON.stringify(outbox)}`);
  }
  const registered = expectShape('registration', await accounts.registerUser({
    registerRequest: { phone, code, password: PASSWORD, nickname: 'generated client', policyVersion: policy.version },
  }), instanceOfAuthResponse);
  const login = expectShape('login', await accounts.loginUser({ loginRequest: { phone, password: PASSWORD } }),
    instanceOfAuthResponse);
  if (!login.accessToken) {
    throw new Error('login answered without an access token');
  }

  const signedIn = new Configuration({ basePath, accessToken: login.accessToken });
  const page = expectShape('room page', await new RoomsApi(signedIn).listLiveRooms({ limit: 100 }), instanceOfRoomPage);
  page.items.forEach(room => expectShape('room', room, instanceOfRoom));
  return {
    policyVersion: policy.version,
    registeredUserId: registered.user.id,
    loggedInUserId: login.user.id,
    liveRooms: page.items.map(room => ({ id: room.id, status: room.status, channel: room.channel })),
  };
}

async function describe(e: unknown): Promise<object> {
  if (e instanceof ResponseError) {
    return { error: e.message, status: e.response.status, body: await e.response.text() };
  }
  return { error: e instanceof Error ? e.message : String(e) };
}

const [basePath, phone] = process.argv.slice(2);
main(basePath, phone).then(
  result => console.log(JSON.stringify(result)),
  async e => {
    console.log(JSON.stringify(await describe(e)));
    process.exitCode = 1;
  });
