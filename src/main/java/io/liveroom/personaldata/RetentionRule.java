package io.liveroom.personaldata;

/** Data of one kind ({@code target}) is purged once older than {@code days}; 0 keeps it. */
public record RetentionRule(RetentionTarget target, int days) {
}
