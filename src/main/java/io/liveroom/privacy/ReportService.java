package io.liveroom.privacy;

import io.liveroom.account.AdminService;
import io.liveroom.account.AuditLog;
import io.liveroom.auth.Principal;
import io.liveroom.auth.Role;
import io.liveroom.account.UserDirectory;
import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

/**
 * Reports and the moderation queue. A report names exactly one of a user, a room or a chat message;
 * rooms and messages are resolved to the person responsible (host, sender) when filed. Moderators
 * and admins (their current role, read from the directory) work the queue; an action reuses the
 * capability that owns it (rooms' mute, ban and close; accounts' admin ban) with its own rules and
 * audit, and the resolution is audit-logged here too. The reporter sees status, action and outcome.
 */
final class ReportService {
  static final Set<String> REASONS = Set.of("spam", "harassment", "hate", "sexual", "violence", "minor_safety", "fraud",
    "illegal", "other");
  static final Set<String> ACTIONS = Set.of("warn", "mute", "ban", "close_room", "remove_media", "remove_post", "dismiss");
  private static final Duration DEFAULT_MUTE = Duration.ofHours(24);

  /** A validated resolution. {@code muteFor} is used by {@code mute} only. */
  record Resolution(String action, String outcome, Duration muteFor) {
  }

  private final ReportRepository repository;
  private final UserDirectory directory;
  private final RoomActions rooms;
  private final AdminService admin;
  private final AuditLog audit;
  private final Clock clock;
  private final ReportedPictures pictures;
  private final ReportedPosts posts;

  ReportService(ReportRepository repository, UserDirectory directory, RoomActions rooms, AdminService admin, AuditLog audit,
                Clock clock, ReportedPictures pictures, ReportedPosts posts) {
    this.pictures = pictures;
    this.posts = posts;
    this.repository = repository;
    this.directory = directory;
    this.rooms = rooms;
    this.admin = admin;
    this.audit = audit;
    this.clock = clock;
  }

  Future<JsonObject> file(long reporter, Long targetUserId, Long roomId, Long messageId, UUID mediaId, String reason,
                          String details) {
    Future<Target> resolved = mediaId == null ? resolveTarget(targetUserId, roomId, messageId)
      : pictures.ownerOf(mediaId).map(owner -> {
        if (owner == null) {
          throw AppException.of(ErrorCode.REPORT_TARGET_NOT_FOUND, "The reported picture does not exist.");
        }
        return new Target(owner, null);
      });
    return resolved.compose(t -> {
      if (t.user() != null && t.user() == reporter) {
        return Future.failedFuture(AppException.of(ErrorCode.BAD_REQUEST, "You cannot report yourself."));
      }
      return repository.insert(reporter, t.user(), t.room(), messageId, mediaId, reason, details, clock.instant());
    });
  }

  /** A report about a post or a comment (exactly one given); the reported person is its author. */
  Future<JsonObject> fileContent(long reporter, Long postId, Long commentId, String reason, String details) {
    return (postId != null ? posts.authorOfPost(postId) : posts.authorOfComment(commentId)).compose(author -> {
      if (author == null) {
        return Future.failedFuture(AppException.of(ErrorCode.REPORT_TARGET_NOT_FOUND, "The reported post or comment does not exist."));
      }
      if (author == reporter) {
        return Future.failedFuture(AppException.of(ErrorCode.BAD_REQUEST, "You cannot report yourself."));
      }
      return repository.insertContent(reporter, author, postId, commentId, reason, details, clock.instant());
    });
  }

  private record Target(Long user, Long room) {
  }

  private Future<Target> resolveTarget(Long userId, Long roomId, Long messageId) {
    Future<Target> target;
    if (messageId != null) {
      target = rooms.storedMessage(messageId).map(m -> m == null ? null : new Target(m.getLong("senderId"), m.getLong("roomId")));
    } else if (roomId != null) {
      target = rooms.hostOf(roomId).map(host -> new Target(host, roomId)).otherwise((Target) null);
    } else {
      target = directory.find(userId).map(u -> new Target(u.id(), null)).otherwise((Target) null);
    }
    return target.map(t -> {
      if (t == null) {
        throw AppException.of(ErrorCode.REPORT_TARGET_NOT_FOUND, "The reported user, room or message does not exist.");
      }
      return t;
    });
  }

  Future<JsonArray> mine(long reporter) {
    return repository.mine(reporter);
  }

  Future<JsonArray> queue(Principal staff, String status, long afterId, int limit) {
    return requireStaff(staff).compose(v -> repository.queue(status, afterId, limit));
  }

  Future<JsonObject> resolve(Principal staff, long reportId, Resolution r, String ip) {
    return requireStaff(staff).compose(v -> repository.pool().withTransaction(tx -> repository.lock(tx, reportId)
      .compose(found -> {
        Row report = found.orElseThrow(() -> AppException.of(ErrorCode.REPORT_NOT_FOUND, "No such report."));
        if (!"open".equals(report.getString("status"))) {
          throw AppException.of(ErrorCode.REPORT_ALREADY_HANDLED, "This report was already " + report.getString("status") + ".");
        }
        boolean dismiss = "dismiss".equals(r.action());
        return act(staff, report, r, ip).compose(x -> repository.resolve(tx, reportId, dismiss ? "dismissed" : "actioned",
          dismiss ? null : r.action(), r.outcome(), staff.userId(), clock.instant()));
      }))
      .compose(resolved -> audit.write(staff.userId(), resolved.getLong("targetUserId"), "report." + r.action(), "report",
        Long.toString(reportId), ip, new JsonObject().put("outcome", r.outcome())).map(resolved)));
  }

  private Future<Void> act(Principal staff, Row report, Resolution r, String ip) {
    Long target = report.getLong("target_user_id");
    Long room = report.getLong("room_id");
    String why = "report " + report.getLong("id");
    return switch (r.action()) {
      case "dismiss", "warn" -> Future.succeededFuture();
      case "mute" -> room == null ? needs("mute", "a room") : rooms.mute(staff, room, target, r.muteFor() == null
        ? DEFAULT_MUTE : r.muteFor());
      case "ban" -> room != null ? rooms.ban(staff, room, target) : admin.setStatus(staff.userId(), target, "banned", why, ip);
      case "close_room" -> room == null ? needs("close_room", "a room") : rooms.close(staff, room, why);
      case "remove_media" -> report.getUUID("media_id") == null ? needs("remove_media", "a picture")
        : pictures.takeDown(report.getUUID("media_id"));
      case "remove_post" -> report.getLong("post_id") != null ? posts.removePost(report.getLong("post_id"), staff.userId())
        : report.getLong("comment_id") != null ? posts.removeComment(report.getLong("comment_id"), staff.userId())
        : needs("remove_post", "a post or a comment");
      default -> Future.failedFuture(AppException.of(ErrorCode.BAD_REQUEST, "Unknown action."));
    };
  }

  private static Future<Void> needs(String action, String what) {
    return Future.failedFuture(AppException.of(ErrorCode.CONFLICT, "The action " + action + " needs a report about " + what + "."));
  }

  private Future<Void> requireStaff(Principal p) {
    return directory.find(p.userId()).compose(u -> (u.role() == Role.MODERATOR || u.role() == Role.ADMIN) && u.active()
      ? Future.succeededFuture()
      : Future.failedFuture(AppException.of(ErrorCode.PERMISSION_DENIED, "Moderators and administrators only.")));
  }
}
