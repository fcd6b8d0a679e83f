package io.liveroom.error;

/**
 * The one error vocabulary of Liveroom.
 *
 * <p>Each code has a stable string (the {@code code} of a problem+json body, never renamed once
 * shipped), the HTTP status it maps to, and the numeric code sent in a Centrifugo protocol error
 * reply. Protocol codes below 1000 are the reference protocol's own (the SDKs react to them);
 * codes from 1000 up are ours, in one range per capability, listed in docs/PROTOCOL.md.
 *
 * <p>{@code temporary} marks errors a client may retry as-is (the protocol's {@code temporary}
 * flag): SDKs retry those with backoff.
 */
public enum ErrorCode {
  // --- Protocol-level and generic (reference numbering) ---
  INTERNAL("internal", 500, 100, true),
  UNAUTHORIZED("unauthorized", 401, 101, false),
  UNKNOWN_CHANNEL("unknown_channel", 404, 102, false),
  PERMISSION_DENIED("permission_denied", 403, 103, false),
  METHOD_NOT_FOUND("method_not_found", 404, 104, false),
  ALREADY_SUBSCRIBED("already_subscribed", 409, 105, false),
  LIMIT_EXCEEDED("limit_exceeded", 429, 106, false),
  BAD_REQUEST("bad_request", 400, 107, false),
  /** The feature is off where asked (a channel without history or presence): not temporary, as in the reference. */
  NOT_AVAILABLE("not_available", 503, 108, false),
  TOKEN_EXPIRED("token_expired", 401, 109, false),
  EXPIRED("expired", 410, 110, false),
  RATE_LIMITED("rate_limited", 429, 111, true),
  UNRECOVERABLE_POSITION("unrecoverable_position", 409, 112, false),

  // --- HTTP and validation (1000-1099) ---
  VALIDATION_FAILED("validation_failed", 400, 1000, false),
  MALFORMED_JSON("malformed_json", 400, 1001, false),
  NOT_FOUND("not_found", 404, 1002, false),
  METHOD_NOT_ALLOWED("method_not_allowed", 405, 1003, false),
  PAYLOAD_TOO_LARGE("payload_too_large", 413, 1004, false),
  UNSUPPORTED_MEDIA_TYPE("unsupported_media_type", 415, 1005, false),
  CONFLICT("conflict", 409, 1006, false),
  ORIGIN_NOT_ALLOWED("origin_not_allowed", 403, 1007, false),
  FORBIDDEN("forbidden", 403, 1008, false),
  SERVICE_UNAVAILABLE("service_unavailable", 503, 1009, true),
  /** A bounded queue (e.g. password hashing) is full; retry after the Retry-After seconds. */
  BUSY("busy", 503, 1010, true),

  // --- Accounts (1100-1199) ---
  INVALID_CREDENTIALS("invalid_credentials", 401, 1100, false),
  CODE_INVALID("code_invalid", 400, 1101, false),
  CODE_EXPIRED("code_expired", 400, 1102, false),
  CODE_ATTEMPTS_EXCEEDED("code_attempts_exceeded", 400, 1103, false),
  SMS_RATE_LIMITED("sms_rate_limited", 429, 1104, true),
  LOGIN_THROTTLED("login_throttled", 429, 1105, true),
  PHONE_TAKEN("phone_taken", 409, 1106, false),
  REFRESH_TOKEN_INVALID("refresh_token_invalid", 401, 1107, false),
  SESSION_REVOKED("session_revoked", 401, 1108, false),
  ACCOUNT_DISABLED("account_disabled", 403, 1109, false),
  GUARDIAN_CONSENT_REQUIRED("guardian_consent_required", 403, 1110, false),
  IDENTITY_ALREADY_USED("identity_already_used", 409, 1111, false),
  IDENTITY_ALREADY_VERIFIED("identity_already_verified", 409, 1112, false),
  IDENTITY_REJECTED("identity_rejected", 422, 1113, false),
  SMS_UNAVAILABLE("sms_unavailable", 503, 1114, true),
  IDENTITY_UNAVAILABLE("identity_unavailable", 503, 1115, true),
  /** The daily number of real-name verification attempts is used up; Retry-After says when one frees. */
  IDENTITY_RATE_LIMITED("identity_rate_limited", 429, 1116, false),

  // --- Live rooms (1200-1299) ---
  ROOM_NOT_FOUND("room_not_found", 404, 1200, false),
  ROOM_NOT_LIVE("room_not_live", 409, 1201, false),
  HOST_NOT_VERIFIED("host_not_verified", 403, 1202, false),
  NOT_ROOM_STAFF("not_room_staff", 403, 1203, false),
  CHAT_VERIFIED_ONLY("chat_verified_only", 403, 1204, false),
  CHAT_TOO_LONG("chat_too_long", 400, 1205, false),
  CHAT_BLOCKED_WORD("chat_blocked_word", 400, 1206, false),
  CHAT_RATE_LIMITED("chat_rate_limited", 429, 1207, true),
  CHAT_SLOW_MODE("chat_slow_mode", 429, 1208, true),
  ROOM_MUTED("room_muted", 403, 1209, false),
  ROOM_BANNED("room_banned", 403, 1210, false),
  ROOM_KICKED("room_kicked", 403, 1211, false),
  STREAM_KEY_REFUSED("stream_key_refused", 403, 1212, false),
  ROOM_BUSY("room_busy", 503, 1213, true),
  ROOM_CLOSED("room_closed", 410, 1214, false),
  MESSAGE_NOT_FOUND("message_not_found", 404, 1215, false),
  CHAT_INVALID("chat_invalid", 400, 1216, false),

  // --- Rewards (1300-1399) ---
  INSUFFICIENT_BALANCE("insufficient_balance", 409, 1300, false),
  GIFT_NOT_AVAILABLE("gift_not_available", 404, 1301, false),
  GIFT_SENDER_NOT_ELIGIBLE("gift_sender_not_eligible", 403, 1303, false),
  SPENDING_CAP_EXCEEDED("spending_cap_exceeded", 409, 1304, false),
  IDEMPOTENCY_KEY_REUSED("idempotency_key_reused", 422, 1305, false),
  WEBHOOK_SIGNATURE_INVALID("webhook_signature_invalid", 401, 1306, false),
  WEBHOOK_TIMESTAMP_STALE("webhook_timestamp_stale", 401, 1307, false),
  PAYMENTS_NOT_CONFIGURED("payments_not_configured", 503, 1308, false),
  WITHDRAWAL_BELOW_MINIMUM("withdrawal_below_minimum", 422, 1309, false),
  WITHDRAWAL_IDENTITY_REQUIRED("withdrawal_identity_required", 403, 1310, false),
  WITHDRAWAL_NOT_PENDING("withdrawal_not_pending", 409, 1311, false),
  LEDGER_BUSY("ledger_busy", 503, 1312, true),
  GIFT_TO_SELF("gift_to_self", 409, 1313, false),

  // --- AI dialogue (1400-1499) ---
  AI_CONVERSATION_NOT_FOUND("ai_conversation_not_found", 404, 1400, false),
  AI_GENERATION_NOT_FOUND("ai_generation_not_found", 404, 1401, false),
  AI_RATE_LIMITED("ai_rate_limited", 429, 1402, true),
  AI_TOKEN_QUOTA_EXCEEDED("ai_token_quota_exceeded", 429, 1403, false),
  AI_TOO_MANY_GENERATIONS("ai_too_many_generations", 429, 1404, true),
  AI_UPSTREAM_UNAVAILABLE("ai_upstream_unavailable", 502, 1405, true),
  AI_UPSTREAM_TIMEOUT("ai_upstream_timeout", 504, 1406, true),
  AI_UPSTREAM_INTERRUPTED("ai_upstream_interrupted", 502, 1407, true),
  AI_UPSTREAM_REJECTED("ai_upstream_rejected", 502, 1408, false),
  AI_GENERATION_TOO_LONG("ai_generation_too_long", 504, 1409, false),
  AI_CONTENT_BLOCKED("ai_content_blocked", 422, 1410, false),
  AI_MODEL_NOT_FOUND("ai_model_not_found", 404, 1411, false),
  AI_CANCELLED("ai_cancelled", 409, 1412, false),

  // --- Consent and Nearby (1500-1599) ---
  /** A processing purpose the user has not (or no longer) consented to; the body names it. */
  CONSENT_REQUIRED("consent_required", 403, 1500, false),
  /** Nearby needs a fresh shared location first (PUT /api/v1/me/location). */
  LOCATION_REQUIRED("location_required", 409, 1501, false),
  /** A location update implying travel faster than an airliner since the previous one. */
  LOCATION_IMPLAUSIBLE("location_implausible", 422, 1502, false),

  // --- Privacy rights (1600-1699) ---
  /** Login or token of an account in its cancellation cooling-off period; the body offers withdrawal. */
  CANCELLATION_PENDING("cancellation_pending", 403, 1600, false),
  /** Cancellation refused for a reason the user can resolve (named in {@code reason}). */
  CANCELLATION_BLOCKED("cancellation_blocked", 409, 1601, false),
  /** No cancellation to withdraw (none requested, already withdrawn, or the period is over). */
  CANCELLATION_NOT_FOUND("cancellation_not_found", 404, 1602, false),
  /** The withdrawal token is unknown, used or expired; log in again to get a fresh one. */
  WITHDRAWAL_TOKEN_INVALID("withdrawal_token_invalid", 401, 1603, false),
  /** The daily number of data exports is used up; Retry-After says when the next one is possible. */
  EXPORT_LIMIT_REACHED("export_limit_reached", 429, 1604, false),
  /** No such export of the caller's (another user's export is also "not found"). */
  EXPORT_NOT_FOUND("export_not_found", 404, 1605, false),
  /** The export is still being generated; poll its status. */
  EXPORT_NOT_READY("export_not_ready", 409, 1606, true),
  /** The download link expired (or the export failed); request a new export. */
  EXPORT_LINK_EXPIRED("export_link_expired", 410, 1607, false),
  /** A sensitive operation needs the current privacy policy accepted first. */
  POLICY_ACCEPTANCE_REQUIRED("policy_acceptance_required", 403, 1608, false),
  /** No such report (or not the caller's). */
  REPORT_NOT_FOUND("report_not_found", 404, 1609, false),
  /** The report was already actioned or dismissed. */
  REPORT_ALREADY_HANDLED("report_already_handled", 409, 1610, false),
  /** The reported user, room or message does not exist. */
  REPORT_TARGET_NOT_FOUND("report_target_not_found", 404, 1611, false),
  /** A guardian request for a user without a recorded guardian consent, or who is not a minor. */
  GUARDIAN_RECORD_REQUIRED("guardian_record_required", 409, 1612, false),
  /** A cancellation is already pending for this account. */
  CANCELLATION_ALREADY_PENDING("cancellation_already_pending", 409, 1613, false),
  // --- Minors (1150-1159, inside the accounts range) ---
  /** Under 16: may not create or start a live room (live-streaming rules on minors), consent or not. */
  MINOR_CANNOT_HOST("minor_cannot_host", 403, 1150, false),
  /** 16 to 18: hosting needs a guardian consent naming {@code hosting}, and none is in force. */
  HOSTING_CONSENT_REQUIRED("hosting_consent_required", 403, 1151, false),
  /** No guardian consent for this purpose is in force, so there is nothing to withdraw. */
  GUARDIAN_CONSENT_NOT_FOUND("guardian_consent_not_found", 404, 1152, false),

  // --- One-click and email (2150-2199) ---
  /** The carrier's one-click token is unknown, expired or already used: get a new one, or use an SMS code. */
  ONE_CLICK_TOKEN_INVALID("one_click_token_invalid", 401, 2150, false),
  /** The carrier gateway is down, timed out or failed; an SMS code still works. */
  ONE_CLICK_UNAVAILABLE("one_click_unavailable", 503, 2151, true),
  /** The carrier gateway refused this server's signed request (app key or secret wrong): an operator must fix it. */
  ONE_CLICK_REJECTED("one_click_rejected", 502, 2152, false),
  /** The email could not be sent right now (SMTP server down or refusing). */
  EMAIL_UNAVAILABLE("email_unavailable", 503, 2153, true),
  /** A verification email was sent moments ago; Retry-After says when another may be. */
  EMAIL_RATE_LIMITED("email_rate_limited", 429, 2154, true),
  /** The (proven) email address is already the verified email of another account. */
  EMAIL_TAKEN("email_taken", 409, 2155, false),

  // --- Media (1700-1749) ---
  /** The upload is not a JPEG, PNG, WebP or GIF picture (sniffed from its bytes, not its name). */
  MEDIA_TYPE_UNSUPPORTED("media_type_unsupported", 415, 1700, false),
  /** The upload is larger than media.maxBytes. */
  MEDIA_TOO_LARGE("media_too_large", 413, 1701, false),
  /** The picture's header declares more pixels (or a longer side) than allowed; nothing was decoded. */
  MEDIA_TOO_MANY_PIXELS("media_too_many_pixels", 422, 1702, false),
  /** The bytes start like a picture of a supported type but cannot be decoded. */
  MEDIA_UNREADABLE("media_unreadable", 422, 1703, false),
  /** No such picture (or not one the caller may see). */
  MEDIA_NOT_FOUND("media_not_found", 404, 1704, false),
  /** A signed media URL whose signature does not match. */
  MEDIA_LINK_INVALID("media_link_invalid", 403, 1705, false),
  /** A signed media URL past its expiry; ask for a fresh one. */
  MEDIA_LINK_EXPIRED("media_link_expired", 410, 1706, false),
  /** The picture cannot be used here: another user's, rejected by moderation, or not public where it must be. */
  MEDIA_NOT_USABLE("media_not_usable", 409, 1707, false),
  /** The storage backend could not be reached; try again. */
  MEDIA_STORAGE_UNAVAILABLE("media_storage_unavailable", 503, 1708, true),
  /** A byte range that starts past the end of the picture (Content-Range says its length). */
  MEDIA_RANGE_NOT_SATISFIABLE("media_range_not_satisfiable", 416, 1709, false),

  // --- Youth mode (2050-2099) ---
  /** Youth mode: today's limit for live watching or AI dialogue is used up (resets at midnight, user's zone). */
  YOUTH_TIME_LIMIT("youth_time_limit", 403, 2050, false),
  /** Youth mode: live rooms and AI dialogue are closed during the curfew window (user's zone). */
  YOUTH_CURFEW("youth_curfew", 403, 2051, false),
  /** Youth mode is on: gifts, recharge, withdrawal and Nearby are not available. */
  YOUTH_MODE_RESTRICTED("youth_mode_restricted", 403, 2052, false),
  /** The youth-mode password is wrong (or missing where it is needed). */
  YOUTH_PASSWORD_INVALID("youth_password_invalid", 403, 2053, false),
  /** A minor's youth mode is turned off (or its time zone changed) only through the guardian path. */
  YOUTH_GUARDIAN_REQUIRED("youth_guardian_required", 403, 2054, false),
  // --- Sign-in providers (2100-2149) ---
  /** No OpenID Connect provider with that id is configured. */
  OIDC_PROVIDER_UNKNOWN("oidc_provider_unknown", 404, 2100, false),
  /** The ID token failed a check; {@code reason} says which (signature, issuer, audience, expired, ...). */
  OIDC_TOKEN_INVALID("oidc_token_invalid", 401, 2101, false),
  /** The nonce was already used for a sign-in (a replayed ID token), on this node or another. */
  OIDC_NONCE_REPLAYED("oidc_nonce_replayed", 401, 2102, false),
  /** The provider's discovery document, keys or token endpoint did not answer; try again. */
  OIDC_PROVIDER_UNAVAILABLE("oidc_provider_unavailable", 503, 2103, true),
  /** The web callback's state is unknown, expired or already used; start the sign-in again. */
  OIDC_STATE_INVALID("oidc_state_invalid", 400, 2104, false),
  /** A first sign-in creates an account, which needs the current privacy policy accepted ({@code currentVersion}). */
  OIDC_POLICY_REQUIRED("oidc_policy_required", 409, 2105, false),
  /** That provider identity already signs in to another account. */
  OIDC_IDENTITY_TAKEN("oidc_identity_taken", 409, 2106, false),
  /** The account already has an identity of that provider linked; unlink it first. */
  OIDC_ALREADY_LINKED("oidc_already_linked", 409, 2107, false),
  /** The account has no identity of that provider linked. */
  OIDC_NOT_LINKED("oidc_not_linked", 404, 2108, false),
  /** Unlinking would leave the account without any way to sign in (no phone, no other provider). */
  LAST_SIGN_IN_METHOD("last_sign_in_method", 409, 2109, false),
  /** Hosting, chatting and gifting need a phone on the account (real-name rules); add one first. */
  PHONE_REQUIRED("phone_required", 403, 2110, false),
  /** The web sign-in's exchange code is unknown, expired, used, or was issued to another browser. */
  OIDC_EXCHANGE_INVALID("oidc_exchange_invalid", 400, 2111, false),

  // --- Social (1800-1899) ---
  /** A user cannot follow themselves. */
  FOLLOW_SELF("follow_self", 422, 1800, false),
  /** A block between the two users (either way) stops this: following, chat or gifts into the host's room. */
  USER_BLOCKED("user_blocked", 403, 1801, false),
  /** The other account is cancelled, banned or suspended, so it cannot be followed or blocked. */
  USER_UNAVAILABLE("user_unavailable", 410, 1802, false),
  /** The daily number of new follows is used up; Retry-After says when the next UTC day starts. */
  FOLLOW_DAILY_LIMIT("follow_daily_limit", 429, 1803, true),
  /** The user already follows the configured maximum number of accounts. */
  FOLLOWEE_CAP_REACHED("followee_cap_reached", 409, 1804, false),
  /** A user cannot block themselves. */
  BLOCK_SELF("block_self", 422, 1805, false),
  // --- Push (2340-2369) ---
  /** No push device of the caller's has this token or id. */
  PUSH_DEVICE_NOT_FOUND("push_device_not_found", 404, 2340, false),
  // --- Notes (2450-2499) ---
  /** No such note, or it is another user's. */
  NOTE_NOT_FOUND("note_not_found", 404, 2450, false),
  /** The user already keeps the configured maximum number of notes ({@code notes.maxPerUser}). */
  NOTE_LIMIT_REACHED("note_limit_reached", 409, 2451, false),
  /** The note's text is longer than {@code notes.maxTextChars}. */
  NOTE_TOO_LONG("note_too_long", 413, 2452, false),
  /** The AI message to save is not in one of the caller's conversations, or is not an answer. */
  NOTE_SOURCE_NOT_FOUND("note_source_not_found", 404, 2453, false),

  // --- AI painting (2400-2449) ---
  /** The requested picture size is not on the allow-list ({@code ai.paint.sizes}). */
  AI_IMAGE_SIZE_UNSUPPORTED("ai_image_size_unsupported", 400, 2400, false),
  /** Today's pictures ({@code ai.paint.quota.imagesPerDay}) are used up; Retry-After says when the next UTC day starts. */
  AI_IMAGE_QUOTA_EXCEEDED("ai_image_quota_exceeded", 429, 2401, false),
  /** The user already has {@code ai.paint.quota.concurrentGenerations} pictures being painted; wait for one. */
  AI_TOO_MANY_PAINTINGS("ai_too_many_paintings", 429, 2402, true),
  /** No such picture in the user's gallery (or no such preview, or it expired). */
  AI_IMAGE_NOT_FOUND("ai_image_not_found", 404, 2403, false),
  // --- Notifications (2300-2339) ---
  /** No such notification in the caller's inbox (never another user's). */
  NOTIFICATION_NOT_FOUND("notification_not_found", 404, 2300, false),
  /** A user cannot mute their own going-live notifications. */
  MUTE_SELF("mute_self", 422, 2301, false),

  // --- Jobs (2370-2399) ---
  /** A job step ran after another node took the job over (this node's lease expired); its work rolled back. */
  JOB_LEASE_LOST("job_lease_lost", 409, 2370, true),

  // --- Posts (2200-2249) ---
  /** No such post, or the caller may not see it (deleted, private, followers-only, blocked). */
  POST_NOT_FOUND("post_not_found", 404, 2200, false),
  /** The post's text contains a word the keyword list refuses. */
  POST_TEXT_REJECTED("post_text_rejected", 422, 2201, false),
  /** Posting needs a verified identity on this deployment ({@code posts.verifiedOnly}). */
  POST_VERIFIED_ONLY("post_verified_only", 403, 2202, false),
  /** The edit window ({@code posts.editWindowMinutes}) has passed, or the post is a share. */
  POST_EDIT_CLOSED("post_edit_closed", 409, 2203, false),
  /** Only the author (or, for deletion, a moderator) may change this post or comment. */
  POST_NOT_YOURS("post_not_yours", 403, 2204, false),
  /** No such comment on this post, or it was deleted. */
  COMMENT_NOT_FOUND("comment_not_found", 404, 2205, false),
  /** Too many comments in the last minute ({@code posts.comments.perMinute}); Retry-After says when. */
  COMMENT_RATE_LIMITED("comment_rate_limited", 429, 2206, true),
  ;

  private final String code;
  private final int httpStatus;
  private final int protocolCode;
  private final boolean temporary;

  ErrorCode(String code, int httpStatus, int protocolCode, boolean temporary) {
    this.code = code;
    this.httpStatus = httpStatus;
    this.protocolCode = protocolCode;
    this.temporary = temporary;
  }

  public String code() {
    return code;
  }

  public int httpStatus() {
    return httpStatus;
  }

  public int protocolCode() {
    return protocolCode;
  }

  public boolean temporary() {
    return temporary;
  }
}
