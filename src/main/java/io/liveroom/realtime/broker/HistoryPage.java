package io.liveroom.realtime.broker;

import io.liveroom.realtime.protocol.ClientProtocol.Publication;

import java.util.List;

/** Publications read from history (offsets set) and the stream's current top position. */
public record HistoryPage(List<Publication> publications, StreamPosition top) {
}
