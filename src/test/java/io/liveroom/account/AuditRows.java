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
}
