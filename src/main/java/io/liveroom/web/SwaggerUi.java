package io.liveroom.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Where the Swagger UI webjar keeps its files; its version is read from the jar, not repeated here. */
final class SwaggerUi {
  private static final String POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

  private SwaggerUi() {
  }

  /** The webjar's version, e.g. {@code 5.35.0}: its files are under {@link #root}. */
  static String version() {
    try (InputStream in = SwaggerUi.class.getClassLoader().getResourceAsStream(POM)) {
      if (in == null) {
        throw new IllegalStateException("The Swagger UI webjar is not on the classpath (" + POM + ")");
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version");
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + POM, e);
    }
  }

  /** The classpath folder of the webjar's files. */
  static String root(String version) {
    return "META-INF/resources/webjars/swagger-ui/" + version;
  }
}
