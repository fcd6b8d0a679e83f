package io.liveroom.youth;

/** A stored {@code youth_settings} row (see the migration for what each column means). */
record YouthSettings(boolean enabled, String passwordHash, String timeZone, String guardianEvidenceRef) {
}
