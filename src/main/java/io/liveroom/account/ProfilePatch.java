package io.liveroom.account;

/**
 * A validated PATCH /me: null means "leave unchanged" for nickname and gender; the nullable fields
 * carry a "set" flag so a client can clear them with an explicit null.
 */
public record ProfilePatch(String nickname, boolean avatarUrlSet, String avatarUrl, String gender,
                           boolean bioSet, String bio, boolean emailSet, String email) {
  /** The same patch setting {@code avatarUrl} (an uploaded picture's public URL). */
  ProfilePatch withAvatar(String url) {
    return new ProfilePatch(nickname, true, url, gender, bioSet, bio, emailSet, email);
  }
}
