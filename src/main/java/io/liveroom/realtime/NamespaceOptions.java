package io.liveroom.realtime;

import java.time.Duration;

/**
 * What the core does for a namespace's channels.
 *
 * @param historySize   publications kept per channel for history and recovery; 0 turns history off
 * @param historyTtl    how long an idle channel's history is kept
 * @param presence      whether presence (who is here) is tracked
 * @param joinLeave     whether join/leave pushes are sent to subscribers (off for big rooms)
 * @param clientPublish whether clients may publish (through {@link ChannelNamespace#authorizePublish})
 * @param subscribersPublish with {@code clientPublish}: only a connection subscribed to the channel
 *                      may publish in it (a live room's chat comes from its audience)
 */
public record NamespaceOptions(int historySize, Duration historyTtl, boolean presence, boolean joinLeave,
                               boolean clientPublish, boolean subscribersPublish) {
  /** Options where any connection the namespace authorizes may publish (when clients may at all). */
  public NamespaceOptions(int historySize, Duration historyTtl, boolean presence, boolean joinLeave,
                          boolean clientPublish) {
    this(historySize, historyTtl, presence, joinLeave, clientPublish, false);
  }
}
