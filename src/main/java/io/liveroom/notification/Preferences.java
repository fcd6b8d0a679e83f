package io.liveroom.notification;

/**
 * What one user wants for one kind of notification: in the inbox, pushed, their quiet hours (null:
 * none), and whether the actor is a host they muted (going-live only).
 */
record Preferences(boolean inApp, boolean push, QuietHours quiet, boolean actorMuted) {
}
