package io.liveroom.reward;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.OffsetDateTime;
import java.time.temporal.IsoFields;

/**
 * Names of the leaderboard sorted sets (member = user id, score = coins). Days and ISO weeks are
 * UTC. Day boards live 8 days and week boards 5 weeks; all-time, room and live-session boards are
 * kept. All can be rebuilt from {@code gift_events}.
 */
final class LeaderboardKeys {
  static final long DAY_TTL_SECONDS = 8 * 86_400L;
  static final long WEEK_TTL_SECONDS = 35 * 86_400L;

  private LeaderboardKeys() {
  }

  static String room(long roomId) {
    return "lb:gifters:room:" + roomId;
  }

  static String session(long liveSessionId) {
    return "lb:gifters:session:" + liveSessionId;
  }

  static String gifters(Period period, LocalDate day) {
    return "lb:gifters:" + suffix(period, day);
  }

  static String hosts(Period period, LocalDate day) {
    return "lb:hosts:" + suffix(period, day);
  }

  static String combo(long roomId, long senderId, long giftId) {
    return "gift:combo:" + roomId + ":" + senderId + ":" + giftId;
  }

  static LocalDate utcDay(OffsetDateTime at) {
    return at.atZoneSameInstant(ZoneOffset.UTC).toLocalDate();
  }

  private static String suffix(Period period, LocalDate day) {
    return switch (period) {
      case DAY -> "day:" + day;
      case WEEK -> "week:" + day.get(IsoFields.WEEK_BASED_YEAR) + "-W" + day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
      case ALL -> "all";
    };
  }

  /** The periods of the gifter and host boards. */
  enum Period {
    DAY, WEEK, ALL;

    static Period parse(String s) {
      return switch (s == null ? "all" : s) {
        case "day" -> DAY;
        case "week" -> WEEK;
        case "all" -> ALL;
        default -> null;
      };
    }
  }
}
