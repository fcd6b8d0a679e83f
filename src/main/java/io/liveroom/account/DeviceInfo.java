package io.liveroom.account;

/** What we record about the device a session was opened from (shown in GET /me/sessions). */
public record DeviceInfo(String name, String userAgent, String ip) {
}
