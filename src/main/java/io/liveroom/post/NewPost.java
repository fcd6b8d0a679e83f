package io.liveroom.post;

import java.util.List;
import java.util.UUID;

/** A validated post (or share) to store: the filtered text, pictures in order, and what it shares. */
record NewPost(long authorId, String text, List<UUID> pictures, String videoUrl, String placeRegion, String placeName,
               String visibility, Long repostOf) {
}
