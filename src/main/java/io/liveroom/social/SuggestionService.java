package io.liveroom.social;

import io.liveroom.account.UserSummary;
import io.liveroom.consent.ConsentService;
import io.liveroom.consent.Purpose;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.List;
import java.util.Set;

/**
 * "Accounts you may like". Ranked by the user's own follows only while they grant the
 * {@code personalized_recommendations} consent, read from PostgreSQL on every request (so a
 * withdrawal counts from the next one); otherwise the most followed accounts, the same for everyone.
 * Both leave out the user, blocks either way (a safety rule, not a personalization) and accounts
 * that are not active. The answer says which list it is.
 */
final class SuggestionService {
  private static final int OVERSAMPLE = 2;

  private final SuggestionRepository suggestions;
  private final ConsentService consents;
  private final BlockService blocks;
  private final Accounts accounts;

  SuggestionService(SuggestionRepository suggestions, ConsentService consents, BlockService blocks, Accounts accounts) {
    this.suggestions = suggestions;
    this.consents = consents;
    this.blocks = blocks;
    this.accounts = accounts;
  }

  Future<JsonObject> suggest(long userId, int limit) {
    return consents.isGranted(userId, Purpose.PERSONALIZED_RECOMMENDATIONS).compose(personal -> {
      Future<List<SuggestionRepository.Suggestion>> ranked = personal
        ? suggestions.fromFollows(userId, limit * OVERSAMPLE)
        : suggestions.mostFollowed(limit * OVERSAMPLE + 1);
      return ranked.compose(list -> blocks.allEitherWay(userId).compose(blocked -> page(userId, list, blocked, limit)))
        .map(items -> new JsonObject().put("personalized", personal).put("items", items));
    });
  }

  private Future<JsonArray> page(long userId, List<SuggestionRepository.Suggestion> ranked, Set<Long> blocked, int limit) {
    List<SuggestionRepository.Suggestion> open = ranked.stream()
      .filter(s -> s.userId() != userId && !blocked.contains(s.userId())).toList();
    return accounts.summaries(open.stream().map(SuggestionRepository.Suggestion::userId).toList()).map(users -> {
      JsonArray out = new JsonArray();
      for (SuggestionRepository.Suggestion s : open) {
        UserSummary u = users.get(s.userId());
        if (u != null && u.active() && out.size() < limit) {
          out.add(new JsonObject().put("user", Accounts.card(u)).put("score", s.score()));
        }
      }
      return out;
    });
  }
}
