package io.liveroom.account;

import io.liveroom.support.TestInfra;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Reads audit_log rows straight from the database, bypassing the code under test. */
final class AuditRows {
  private AuditRows() {
  }

  static int count(String action, long subjectId) {
    try (Connection c = TestInfra.get().jdbc();
         PreparedStatement st = c.prepareStatement("SELECT count(*) FROM audit_log WHERE action = ? AND subject_id = ?")) {
      st.setString(1, action);
      st.setLong(2, subjectId);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getInt(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The detail of the newest {@code action} row about the user. */
  static io.vertx.core.json.JsonObject detail(String action, long subjectId) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(
      "SELECT detail::text FROM audit_log WHERE action = ? AND subject_id = ? ORDER BY id DESC LIMIT 1")) {
      st.setString(1, action);
      st.setLong(2, subjectId);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next() ? new io.vertx.core.json.JsonObject(rs.getString(1)) : null;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The user's guardian consent records, oldest first: {@code {purpose, withdrawn}}. */
  static io.vertx.core.json.JsonArray guardianRecords(long userId) {
    try (Connection c = TestInfra.get().jdbc(); PreparedStatement st = c.prepareStatement(
      "SELECT purpose, withdrawn_at IS NOT NULL FROM guardian_consents WHERE user_id = ? ORDER BY id")) {
      st.setLong(1, userId);
      io.vertx.core.json.JsonArray out = new io.vertx.core.json.JsonArray();
      try (ResultSet rs = st.executeQuery()) {
        while (rs.next()) {
          out.add(new io.vertx.core.json.JsonObject().put("purpose", rs.getString(1)).put("withdrawn", rs.getBoolean(2)));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
