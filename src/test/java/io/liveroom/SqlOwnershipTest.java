package io.liveroom;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where SQL may live: in {@code *Repository} classes only, and each capability's statements touch
 * only the tables that capability owns. Another capability's data is asked of its interface.
 * Reads every {@code static final String} holding a statement from the compiled main classes.
 */
@DisplayName("SQL lives in repositories, and each capability's SQL touches only its own tables")
class SqlOwnershipTest {
  private static final Pattern STATEMENT = Pattern.compile("^(SELECT|INSERT|UPDATE|DELETE|WITH|SET TRANSACTION)\\b",
    Pattern.CASE_INSENSITIVE);
  private static final Pattern TABLE_USE = Pattern.compile("\\b(?:FROM|JOIN|INTO|UPDATE)\\s+([a-z_]+)",
    Pattern.CASE_INSENSITIVE);
  private static final Pattern CREATED = Pattern.compile("CREATE (?:TABLE|VIEW) ([a-z_]+)");

  /**
   * The capability (top-level package) whose repositories may use each table. {@code audit_log} is
   * the one shared table: each capability appends its own events in its own transactions, and
   * privacy exports, anonymizes and purges them.
   */
  private static final Map<String, Set<String>> OWNERS = Map.ofEntries(
    entry("audit_log", Set.of("account", "consent", "privacy", "reward", "room", "youth")),
    entry("users", Set.of("account")), entry("sessions", Set.of("account")),
    entry("refresh_tokens", Set.of("account")), entry("user_identities", Set.of("account")),
    entry("guardian_consents", Set.of("account")), entry("identity_attempts", Set.of("account")),
    entry("email_verifications", Set.of("account")),
    entry("rooms", Set.of("room")), entry("room_sessions", Set.of("room")), entry("room_moderators", Set.of("room")),
    entry("room_restrictions", Set.of("room")), entry("chat_messages", Set.of("room")),
    entry("ledger_accounts", Set.of("reward")), entry("ledger_transactions", Set.of("reward")),
    entry("ledger_entries", Set.of("reward")), entry("ledger_unfolded", Set.of("reward")),
    entry("gift_catalog", Set.of("reward")), entry("gift_events", Set.of("reward")),
    entry("topup_products", Set.of("reward")), entry("payment_events", Set.of("reward")),
    entry("withdrawals", Set.of("reward")),
    entry("ai_conversations", Set.of("ai")), entry("ai_messages", Set.of("ai")), entry("ai_usage", Set.of("ai")),
    entry("ai_images", Set.of("ai")), entry("ai_image_usage", Set.of("ai")),
    entry("consent_records", Set.of("consent")), entry("current_consents", Set.of("consent")),
    entry("nearby_visibility", Set.of("geo")), entry("user_blocks", Set.of("social")),
    entry("data_exports", Set.of("privacy")), entry("data_export_chunks", Set.of("privacy")),
    entry("account_cancellations", Set.of("privacy")), entry("reports", Set.of("privacy")),
    entry("policy_acceptances", Set.of("privacy")),
    entry("media_objects", Set.of("media")), entry("media_refs", Set.of("media")),
    entry("youth_settings", Set.of("youth")), entry("youth_usage", Set.of("youth")),
    entry("oidc_identities", Set.of("oidc")),

    entry("follows", Set.of("social")), entry("follow_counts", Set.of("social")), entry("follow_daily", Set.of("social")),
    entry("search_history", Set.of("social")), entry("search_settings", Set.of("social")),
    entry("posts", Set.of("post")), entry("post_media", Set.of("post")),
    entry("post_comments", Set.of("post")), entry("post_likes", Set.of("post")),
    entry("notifications", Set.of("notification")), entry("notification_settings", Set.of("notification")),
    entry("notification_quiet_hours", Set.of("notification")),
    entry("notification_muted_hosts", Set.of("notification")),
    entry("push_devices", Set.of("push")),
    entry("notes", Set.of("note")),
    entry("jobs", Set.of("jobs")));

  private record Statement(Class<?> owner, String field, String sql) {
    String capability() {
      String rest = owner.getName().substring("io.liveroom.".length());
      return rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : "";
    }

    String where() {
      return owner.getName() + "." + field;
    }
  }

  private static List<Statement> statements;

  @BeforeAll
  static void readCompiledClasses() throws Exception {
    Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    statements = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes.resolve("io/liveroom"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
        String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> type = Class.forName(name, false, SqlOwnershipTest.class.getClassLoader());
        for (Field f : type.getDeclaredFields()) {
          int m = f.getModifiers();
          if (Modifier.isStatic(m) && Modifier.isFinal(m) && f.getType() == String.class) {
            f.setAccessible(true);
            String value = ((String) f.get(null)).strip();
            if (STATEMENT.matcher(value).find()) {
              statements.add(new Statement(type, f.getName(), value));
            }
          }
        }
      }
    }
  }

  @Test
  @DisplayName("The scan sees the statements (the ledger's debit among them), so an empty result cannot pass by accident")
  void scanFindsStatements() {
    assertThat(statements).extracting(Statement::where).contains("io.liveroom.reward.LedgerRepository.DEBIT");
  }

  @Test
  @DisplayName("Every SQL constant is held by a class named *Repository")
  void onlyRepositoriesHoldSql() {
    List<String> outside = statements.stream()
      .filter(s -> !topLevelName(s.owner()).endsWith("Repository"))
      .map(Statement::where).sorted().toList();
    assertThat(outside).isEmpty();
  }

  @Test
  @DisplayName("Every table the migrations create has an owning capability declared here")
  void everyTableHasAnOwner() throws IOException {
    assertThat(OWNERS.keySet()).containsAll(migrationTables());
  }

  @Test
  @DisplayName("A capability's statements use only its own tables (and the shared audit log)")
  void statementsStayInTheirCapability() throws IOException {
    Set<String> tables = migrationTables();
    Set<String> foreign = new TreeSet<>();
    for (Statement s : statements) {
      Matcher m = TABLE_USE.matcher(s.sql());
      while (m.find()) {
        String table = m.group(1).toLowerCase();
        if (tables.contains(table) && !OWNERS.getOrDefault(table, Set.of()).contains(s.capability())) {
          foreign.add(s.where() + " uses " + table);
        }
      }
    }
    assertThat(foreign).isEmpty();
  }

  private static String topLevelName(Class<?> type) {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return top.getSimpleName();
  }

  private static Set<String> migrationTables() throws IOException {
    Set<String> tables = new TreeSet<>();
    try (Stream<Path> files = Files.list(Path.of("src/main/resources/db/migration"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".sql")).toList()) {
        Matcher m = CREATED.matcher(Files.readString(f));
        while (m.find()) {
          tables.add(m.group(1));
        }
      }
    }
    assertThat(tables).contains("users", "ledger_entries");
    return tables;
  }
}
