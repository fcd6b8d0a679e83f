// Readable messages for the protocol's error codes (docs/PROTOCOL.md) and the API's problem codes.

// The AI's codes (docs/PROTOCOL.md, AI dialogue): numbers in RPC replies, strings in error
// publications and problem documents.
const AI = {
  ai_conversation_not_found: 'This conversation does not exist any more.',
  ai_generation_not_found: 'That answer had already finished.',
  ai_rate_limited: 'You are asking too fast. Wait a minute and try again.',
  ai_token_quota_exceeded: 'You have used up today\'s AI allowance. It renews at midnight UTC.',
  ai_too_many_generations: 'Another answer is still being written. Wait for it, or stop it, first.',
  ai_upstream_unavailable: 'The assistant is unavailable right now. Please try again shortly.',
  ai_upstream_timeout: 'The assistant took too long to answer. Please try again.',
  ai_upstream_interrupted: 'The answer was interrupted. Please try again.',
  ai_upstream_rejected: 'The assistant could not take this question.',
  ai_generation_too_long: 'The answer ran too long and was cut off.',
  ai_content_blocked: 'That contains a word that is not allowed here.',
  ai_model_not_found: 'That model is not available.',
  ai_cancelled: 'The answer was stopped.',
};
const AI_NUMBERS = ['ai_conversation_not_found', 'ai_generation_not_found', 'ai_rate_limited',
  'ai_token_quota_exceeded', 'ai_too_many_generations', 'ai_upstream_unavailable', 'ai_upstream_timeout',
  'ai_upstream_interrupted', 'ai_upstream_rejected', 'ai_generation_too_long', 'ai_content_blocked',
  'ai_model_not_found', 'ai_cancelled'];

/** The AI's messages keyed by protocol number (1400 onwards, in the order of PROTOCOL.md's table). */
function aiMessages() {
  return Object.fromEntries(AI_NUMBERS.map((code, i) => [1400 + i, AI[code]]));
}

// Gifts and the wallet (docs/PROTOCOL.md, Rewards): numbers in RPC replies, strings over HTTP.
const REWARDS = {
  insufficient_balance: 'You do not have enough coins for that gift.',
  gift_not_available: 'That gift is not available any more.',
  gift_sender_not_eligible: 'Only identity-verified adults can send gifts.',
  spending_cap_exceeded: 'That gift would go over your spending limit.',
  idempotency_key_reused: 'That gift could not be sent. Please try again.',
  ledger_busy: 'Gifts are busy right now. Please try again shortly.',
  gift_to_self: 'Hosts cannot send gifts into their own room.',
};
const REWARD_NUMBERS = { 1300: 'insufficient_balance', 1301: 'gift_not_available', 1303: 'gift_sender_not_eligible',
  1304: 'spending_cap_exceeded', 1305: 'idempotency_key_reused', 1312: 'ledger_busy', 1313: 'gift_to_self' };

// The live-rooms codes (1200-1299) as sentences, shared by the socket's numbers and HTTP's strings.
const ROOMS = {
  room_not_found: 'This room does not exist.',
  room_not_live: 'The room is not live right now, so chat is closed.',
  not_room_staff: 'Only the host and the room\'s moderators can do that.',
  chat_verified_only: 'Only identity-verified users can chat. You can still watch.',
  chat_rate_limited: 'You are sending messages too fast. Wait a few seconds.',
  room_muted: 'You are muted in this room.',
  room_banned: 'You are banned from this room.',
  room_kicked: 'You were removed from this room for a while.',
  room_busy: 'The room is very busy. Your message was not sent; try again shortly.',
  room_closed: 'This room was closed.',
  message_not_found: 'That message is not there any more.',
};

// Sign-in providers and the phone the real-name rules need (docs/ACCOUNTS.md, 2100-2149).
const PHONE_REQUIRED = 'Chat and gifts need a phone number on your account (the real-name rules). You can still watch.';
const SIGN_IN = {
  oidc_provider_unknown: 'That sign-in provider is not available on this server.',
  oidc_token_invalid: 'The provider\'s answer could not be verified, so you were not signed in. Please try again.',
  oidc_nonce_replayed: 'That sign-in was already used. Please sign in again.',
  oidc_provider_unavailable: 'The sign-in provider is not answering right now. Please try again shortly.',
  oidc_state_invalid: 'This sign-in link is unknown, expired or already used. Please start the sign-in again.',
  oidc_policy_required: 'Your first sign-in creates an account: read and accept the privacy policy to go on.',
  oidc_exchange_invalid: 'This sign-in was already completed, expired, or started in another browser. Please sign in again.',
  phone_required: PHONE_REQUIRED,
};
// Youth mode (docs/YOUTH.md): numbers in RPC replies and unsubscribe pushes, strings over HTTP.
const YOUTH = {
  youth_time_limit: 'Youth mode: today\'s time for this is used up. It resets at midnight.',
  youth_curfew: 'Youth mode: live rooms and AI chat are closed during the night-time curfew.',
  youth_mode_restricted: 'Youth mode is on: gifts, recharge, withdrawals and Nearby are off.',
  youth_password_invalid: 'That youth-mode password is wrong.',
  youth_guardian_required: 'Only your guardian can turn youth mode off, through support.',
};
const YOUTH_NUMBERS = { 2050: 'youth_time_limit', 2051: 'youth_curfew', 2052: 'youth_mode_restricted',
  2053: 'youth_password_invalid', 2054: 'youth_guardian_required' };

// Follows, blocks and search (docs/SOCIAL.md), and picture uploads (docs/MEDIA.md): HTTP codes.
const PEOPLE = {
  follow_self: 'You cannot follow yourself.',
  block_self: 'You cannot block yourself.',
  user_blocked: 'You cannot do that: one of you has blocked the other.',
  user_unavailable: 'This account is not active any more.',
  follow_daily_limit: 'You have followed as many new people as you can today. Try again tomorrow.',
  followee_cap_reached: 'You follow as many people as an account can. Unfollow someone first.',
  media_type_unsupported: 'That file is not a picture we can use. Choose a JPEG, PNG, GIF or WebP image.',
  media_too_large: 'That picture is too large. Choose a smaller one.',
  media_too_many_pixels: 'That picture has too many pixels. Choose a smaller one.',
  media_unreadable: 'That picture could not be read. It may be damaged.',
  media_not_usable: 'That picture cannot be used as your avatar.',
  media_storage_unavailable: 'Pictures cannot be stored right now. Please try again shortly.',
};

const SOCKET = {
  100: 'Something went wrong on the server. Please try again.',
  101: 'Please sign in again.',
  103: 'You are not allowed to do that here.',
  107: 'That message could not be sent.',
  109: 'Your session expired. Please sign in again.',
  111: 'You are sending too fast. Wait a moment and try again.',
  1000: 'Please check what you entered.',
  1002: 'That was not found.',
  1009: 'The service is busy right now. Please try again shortly.',
  1203: ROOMS.not_room_staff,
  1200: 'This room does not exist.',
  1201: 'The room is not live right now, so chat is closed.',
  1204: 'Only identity-verified users can chat. You can still watch.',
  1205: 'That message is too long.',
  1206: 'That message contains a word that is not allowed.',
  1207: 'You are sending messages too fast. Wait a few seconds.',
  1208: 'Slow mode is on. Wait a little before your next message.',
  1209: 'You are muted in this room.',
  1210: 'You are banned from this room.',
  1211: 'You were removed from this room for a while.',
  1213: 'The room is very busy. Your message was not sent; try again shortly.',
  1214: 'This room was closed.',
  1215: ROOMS.message_not_found,
  1216: 'That message could not be sent.',
  2110: PHONE_REQUIRED,
  ...aiMessages(),
  ...Object.fromEntries(Object.entries(REWARD_NUMBERS).map(([n, code]) => [n, REWARDS[code]])),
  ...Object.fromEntries(Object.entries(YOUTH_NUMBERS).map(([n, code]) => [n, YOUTH[code]])),
};

const HTTP = {
  ...AI,
  ...REWARDS,
  ...ROOMS,
  ...SIGN_IN,
  ...YOUTH,
  ...PEOPLE,
  rate_limited: 'Too many requests. Wait a moment and try again.',
  forbidden: 'You are not allowed to do that.',
  not_found: 'That was not found.',
  not_available: 'This is not available on this server right now.',
  consent_required: 'This needs your consent first.',
  location_required: 'Share your location first (it expires after a while).',
  location_implausible: 'That location is too far from your last one to be real. Try again later.',
  invalid_credentials: 'Wrong phone number or password.',
  code_invalid: 'That code is wrong. Check it and try again.',
  code_expired: 'That code expired. Request a new one.',
  code_attempts_exceeded: 'Too many wrong tries. Request a new code.',
  login_throttled: 'Too many attempts. Wait a while and try again.',
  sms_rate_limited: 'Please wait before requesting another code.',
  phone_taken: 'This number already has an account. Sign in instead.',
  too_common: 'That password is too common. Choose another one.',
  validation_failed: 'Please check the highlighted fields.',
  policy_acceptance_required: 'The privacy policy changed. Please read and accept the new version.',
  guardian_consent_required: 'A guardian must consent before this account can be used.',
  account_disabled: 'This account is disabled.',
  busy: 'The service is busy right now. Please try again shortly.',
  unauthorized: 'Please sign in.',
};

/** A sentence for a failure from the SDK ({code, message}) or from api.js (ApiError). */
export function readable(error) {
  if (!error) {
    return 'Something went wrong.';
  }
  if (typeof error.code === 'number' && SOCKET[error.code]) {
    return SOCKET[error.code];
  }
  if (typeof error.code === 'string' && HTTP[error.code]) {
    return HTTP[error.code];
  }
  const fields = error.problem?.errors;
  if (Array.isArray(fields) && fields.length) {
    return fields.map((f) => `${f.field}: ${f.message}`).join('; ');
  }
  return error.message || 'Something went wrong.';
}
