package io.liveroom.note;

import io.liveroom.error.AppException;
import io.liveroom.error.ErrorCode;
import io.liveroom.error.FieldErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * Notes: made from text, from an AI answer (its text copied, the source linked) or from a picture
 * of the user's (referenced through media); listed newest first, searched by text, edited and
 * deleted. Another user's note is reported as not found. A user keeps at most
 * {@code maxPerUser} notes of at most {@code maxTextChars} characters each.
 */
final class NoteService {
  static final int MAX_TITLE = 200;
  static final int MAX_QUERY = 100;
  /** A title made from the text when none is given: its first line, this long at most. */
  static final int DERIVED_TITLE = 60;
  private static final Logger LOG = LoggerFactory.getLogger(NoteService.class);

  private final NoteRepository repo;
  private final AiAnswers answers;
  private final NotePictures pictures;
  private final int maxPerUser;
  private final int maxTextChars;

  NoteService(NoteRepository repo, AiAnswers answers, NotePictures pictures, int maxPerUser, int maxTextChars) {
    this.repo = repo;
    this.answers = answers;
    this.pictures = pictures;
    this.maxPerUser = maxPerUser;
    this.maxTextChars = maxTextChars;
  }

  /** {@code POST /api/v1/notes}: one of {@code {text}}, {@code {conversationId, messageId}}, {@code {mediaId}}. */
  Future<Note> create(long userId, JsonObject body) {
    NoteDraft draft = NoteDraft.parse(body, MAX_TITLE);
    return switch (draft.source()) {
      case Note.AI_MESSAGE -> answers.answer(userId, draft.conversationId(), draft.messageId())
        .compose(found -> {
          AiAnswers.Answer a = found.orElseThrow(() -> AppException.of(ErrorCode.NOTE_SOURCE_NOT_FOUND,
            "No such answer in your conversations."));
          return insert(userId, draft.withText(a.text()), null);
        });
      case Note.IMAGE -> insert(userId, draft, draft.mediaId());
      default -> insert(userId, draft, null);
    };
  }

  /**
   * Inserts under the user's lock (the count cannot race), and for a picture references it in the
   * same transaction: a picture that is not the user's (or is rejected) leaves no note behind.
   */
  private Future<Note> insert(long userId, NoteDraft d, UUID mediaId) {
    checkLength(d.text());
    String title = d.title() != null ? d.title() : derivedTitle(d.text());
    return repo.pool().withTransaction(tx -> repo.lockAndCount(tx, userId).compose(count -> {
      if (count >= maxPerUser) {
        return Future.failedFuture(AppException.of(ErrorCode.NOTE_LIMIT_REACHED,
          "You keep " + count + " notes, the most allowed (" + maxPerUser + "); delete some first."));
      }
      return repo.insert(tx, userId, d.source(), title, d.text(), d.conversationId(), d.messageId());
    }).compose(note -> mediaId == null ? Future.succeededFuture(note)
      : pictures.attach(userId, mediaId, note.id()).compose(v -> repo.setMedia(tx, note.id(), mediaId))));
  }

  /** A page of the user's notes, newest first, optionally only those containing {@code query}. */
  Future<JsonObject> list(long userId, String query, Long cursor, int limit) {
    long before = cursor == null ? Long.MAX_VALUE : cursor;
    Future<List<Note>> rows;
    if (query == null || query.isBlank()) {
      rows = repo.page(userId, before, limit);
    } else {
      String q = query.strip();
      if (q.length() > MAX_QUERY) {
        throw AppException.validation(List.of(new io.liveroom.error.FieldError("q", "too_long",
          "At most " + MAX_QUERY + " characters.")));
      }
      rows = repo.search(userId, escapeLike(q), before, limit);
    }
    return rows.map(notes -> {
      JsonObject page = new JsonObject().put("items", new JsonArray(notes.stream().map(Note::toJson).toList()));
      if (notes.size() == limit) {
        page.put("nextCursor", Long.toString(notes.get(notes.size() - 1).id()));
      }
      return page;
    });
  }

  Future<Note> get(long userId, long id) {
    return repo.find(userId, id).map(found -> found.orElseThrow(NoteService::notFound));
  }

  /** {@code PATCH}: {@code title} and {@code text}, each optional; a blank title is refused. */
  Future<Note> update(long userId, long id, JsonObject body) {
    FieldErrors errors = new FieldErrors();
    String title = NoteDraft.optionalString(body, "title", MAX_TITLE, errors);
    if (title != null && title.isBlank()) {
      errors.add("title", "blank", "The title must not be blank.");
    }
    String text = NoteDraft.optionalString(body, "text", Integer.MAX_VALUE, errors);
    errors.throwIfAny();
    if (text != null) {
      checkLength(text);
    }
    return repo.update(userId, id, title == null ? null : title.strip(), text)
      .map(found -> found.orElseThrow(NoteService::notFound));
  }

  /** Deletes the note and releases its picture (which the sweeper then deletes if nothing else uses it). */
  Future<Void> delete(long userId, long id) {
    return repo.delete(userId, id).compose(deleted -> {
      if (!deleted) {
        return Future.failedFuture(notFound());
      }
      return pictures.release(id).recover(e -> {
        LOG.warn("Note {} of user {} deleted, but its picture reference was not released: {}", id, userId,
          e.toString());
        return Future.succeededFuture();
      });
    });
  }

  private void checkLength(String text) {
    if (text.length() > maxTextChars) {
      throw AppException.of(ErrorCode.NOTE_TOO_LONG,
        "A note holds at most " + maxTextChars + " characters; this one has " + text.length() + ".");
    }
  }

  static String derivedTitle(String text) {
    String line = text.strip().lines().findFirst().orElse("").strip();
    if (line.isEmpty()) {
      return "Note";
    }
    return line.codePointCount(0, line.length()) <= DERIVED_TITLE ? line
      : line.substring(0, line.offsetByCodePoints(0, DERIVED_TITLE)) + "…";
  }

  /** Escapes LIKE's wildcards and its escape character, so the query matches literally. */
  static String escapeLike(String q) {
    return q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
  }

  static AppException notFound() {
    return AppException.of(ErrorCode.NOTE_NOT_FOUND, "No such note.");
  }
}
