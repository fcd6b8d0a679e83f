package io.liveroom.oidc;

import java.time.Instant;

/**
 * What a verified ID token proves: the provider's stable {@code subject}, the email only when the
 * provider says it is verified (null otherwise), the display name it offered, and when the token
 * expires (a used nonce is remembered until then).
 */
record VerifiedIdentity(String provider, String subject, String email, String name, Instant expiresAt) {
}
