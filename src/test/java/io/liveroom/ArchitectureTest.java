package io.liveroom;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.liveroom.capability.Capability;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shape of the code, checked on the compiled production classes so it cannot rot: the
 * top-level packages import each other without cycles, the real-time core knows no domain, Vert.x
 * internals stay in the WebSocket layer, every capability plugs in through one contract, SQL lives
 * in repositories, and no two classes share a name. See docs/ARCHITECTURE.md.
 */
class ArchitectureTest {
  /** The capabilities: each has exactly one class implementing {@link Capability}. */
  static final List<String> CAPABILITIES = List.of("account", "room", "consent", "geo", "ai", "reward", "privacy", "web", "media", "youth", "oidc", "social", "post");
  /** What the real-time core must never import: the domain, and the capability contract. */
  static final String[] DOMAIN = {"io.liveroom.account..", "io.liveroom.room..", "io.liveroom.consent..",
    "io.liveroom.geo..", "io.liveroom.ai..", "io.liveroom.reward..", "io.liveroom.privacy..", "io.liveroom.web..", "io.liveroom.youth..",
    "io.liveroom.oidc..", "io.liveroom.capability..", "io.liveroom.personaldata..", "io.liveroom.media..", "io.liveroom.social..", "io.liveroom.post.."};

  static JavaClasses production;

  @BeforeAll
  static void importClasses() {
    production = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.liveroom");
  }

  @Test
  @DisplayName("The top-level packages import each other without cycles (the bootstrap in io.liveroom wires them)")
  void noCyclesBetweenTopLevelPackages() {
    slices().matching("io.liveroom.(*)..").should().beFreeOfCycles().check(production);
  }

  @Test
  @DisplayName("The real-time core imports no domain package: capabilities plug into it, never the reverse")
  void realtimeKnowsNoDomain() {
    noClasses().that().resideInAPackage("io.liveroom.realtime..")
      .should().dependOnClassesThat().resideInAnyPackage(DOMAIN)
      .check(production);
  }

  @Test
  @DisplayName("Vert.x internal APIs are used only by the WebSocket layer, realtime/ws")
  void vertxInternalsOnlyInTheSocketLayer() {
    noClasses().that().resideOutsideOfPackage("io.liveroom.realtime.ws..")
      .should().dependOnClassesThat().resideInAPackage("io.vertx.core.internal..")
      .check(production);
  }

  @Test
  @DisplayName("Every capability package has exactly one class implementing the Capability contract, named *Capability")
  void everyCapabilityImplementsTheContract() {
    classes().that().haveSimpleNameEndingWith("Capability").and().areNotInterfaces()
      .should().implement(Capability.class).check(production);
    Map<String, List<String>> byPackage = production.stream()
      .filter(c -> c.isAssignableTo(Capability.class) && !c.isInterface())
      .collect(Collectors.groupingBy(c -> topLevelPackage(c), Collectors.mapping(JavaClass::getSimpleName,
        Collectors.toList())));
    for (String capability : CAPABILITIES) {
      assertThat(byPackage.get(capability)).as("implementations of Capability in io.liveroom.%s", capability)
        .hasSize(1);
    }
    assertThat(byPackage.keySet()).as("packages with a Capability").containsExactlyInAnyOrderElementsOf(CAPABILITIES);
  }

  @Test
  @DisplayName("The bootstrap builds every capability: each implementation is constructed in Capabilities")
  void bootstrapBuildsEveryCapability() {
    JavaClass bootstrap = production.get(Capabilities.class);
    Set<String> constructed = bootstrap.getConstructorCallsFromSelf().stream()
      .map(call -> call.getTargetOwner().getName()).collect(Collectors.toSet());
    production.stream().filter(c -> c.isAssignableTo(Capability.class) && !c.isInterface())
      .forEach(c -> assertThat(constructed).as("Capabilities constructs %s", c.getSimpleName()).contains(c.getName()));
  }

  @Test
  @DisplayName("No two production classes share a simple name")
  void classNamesAreUnique() {
    Map<String, List<String>> byName = production.stream().filter(c -> c.isTopLevelClass())
      .collect(Collectors.groupingBy(JavaClass::getSimpleName, Collectors.mapping(JavaClass::getName,
        Collectors.toList())));
    assertThat(byName.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getValue).toList())
      .as("classes sharing a name").isEmpty();
  }

  /**
   * SQL text (a string literal or text block opening with a statement keyword) appears only in
   * classes named {@code *Repository}. Read from the sources: a compiled constant is inlined, so the
   * class files cannot tell where it was declared.
   */
  @Test
  @DisplayName("Only repositories hold SQL")
  void onlyRepositoriesHoldSql() throws IOException {
    Pattern sql = Pattern.compile("\"(\"\"\\s*)?\\s*(SELECT\\s|INSERT\\s+INTO|UPDATE\\s+\\w+\\s+SET|DELETE\\s+FROM"
      + "|WITH\\s+\\w+\\s+AS\\s*\\(|TRUNCATE\\s)", Pattern.CASE_INSENSITIVE);
    List<String> offenders;
    try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
      offenders = files.filter(p -> p.toString().endsWith(".java"))
        .filter(p -> !p.getFileName().toString().endsWith("Repository.java"))
        .filter(p -> holds(p, sql))
        .map(Path::toString).sorted().toList();
    }
    assertThat(offenders).as("files with SQL outside a *Repository").isEmpty();
  }

  private static boolean holds(Path file, Pattern sql) {
    try {
      Matcher m = sql.matcher(Files.readString(file));
      return m.find();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String topLevelPackage(JavaClass c) {
    String rest = c.getPackageName().substring("io.liveroom".length());
    return rest.isEmpty() ? "" : rest.substring(1).split("\\.")[0];
  }
}
