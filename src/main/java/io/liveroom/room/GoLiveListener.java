package io.liveroom.room;

/**
 * Told, in process, when a host went live: a new live session of their room was committed. The
 * seam the going-live notifications plug into. Called once per live session, by the node whose
 * start committed it (a repeated start of a live room, or a media server's on_publish after an
 * HTTP start, is not a new session), on that request's event loop, after the commit. It must not
 * block, and what it throws is logged and does not undo the start. At most once: a node that dies
 * between the commit and this call tells no one.
 */
@FunctionalInterface
public interface GoLiveListener {
  void wentLive(long roomId, long sessionId, long hostId);
}
