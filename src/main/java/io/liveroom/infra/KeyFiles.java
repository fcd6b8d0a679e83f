package io.liveroom.infra;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Secret files a single embedded node generates into {@code data.dir} (the JWT secret, the
 * personal-data keys). The content is written in full to a temporary file that is created
 * owner-only (0600) in the same step, then published under its name with a hard link, which fails
 * when the name exists. So the named file is never visible with wider permissions or half written,
 * and two nodes starting at once on one data.dir both end up with the first one's key instead of
 * each keeping its own. A directory it has to create is owner-only (0700) too.
 *
 * <p>An existing file that group or others may read is refused, not silently fixed: the key may
 * have leaked, and only the operator can decide to keep it ({@code chmod 600}) or replace it.
 * Blocking file I/O: call it on a worker, never on an event loop.
 */
public final class KeyFiles {
  private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_FILE =
    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_DIR =
    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));
  private static final Set<PosixFilePermission> EXPOSED = EnumSet.of(PosixFilePermission.GROUP_READ,
    PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
    PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

  /** A key file's content, and whether this call created it (the caller logs a generated key). */
  public record Loaded(String content, boolean created) {
  }

  private KeyFiles() {
  }

  /** Reads {@code file}, or publishes {@code generate}'s content there, owner-only, if it does not exist. */
  public static Loaded readOrCreate(Path file, Supplier<String> generate) throws IOException {
    Path target = file.toAbsolutePath();
    if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
      return new Loaded(readOwnerOnly(target), false);
    }
    Path dir = target.getParent();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    if (!Files.isDirectory(dir)) {
      if (posix) {
        Files.createDirectories(dir, OWNER_DIR);
      } else {
        Files.createDirectories(dir);
      }
    }
    String prefix = "." + target.getFileName() + ".";
    Path tmp = posix ? Files.createTempFile(dir, prefix, ".tmp", OWNER_FILE) : Files.createTempFile(dir, prefix, ".tmp");
    if (!posix) {
      LOG.warn("Cannot restrict permissions of {} on this file system: protect the directory yourself", target);
    }
    try {
      String content = generate.get();
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ch.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)));
        ch.force(true);
      }
      publish(tmp, target);
      return new Loaded(content, true);
    } catch (FileAlreadyExistsException anotherNodeWasFirst) {
      return new Loaded(readOwnerOnly(target), false);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** Links the finished file under its name; fails with FileAlreadyExistsException if it exists. */
  private static void publish(Path tmp, Path target) throws IOException {
    try {
      Files.createLink(target, tmp);
    } catch (UnsupportedOperationException noHardLinks) {
      // Without hard links, a move without REPLACE_EXISTING still never overwrites an existing key;
      // only its exists-check and rename are two steps.
      Files.move(tmp, target);
    }
  }

  private static String readOwnerOnly(Path file) throws IOException {
    if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
      if (perms.stream().anyMatch(EXPOSED::contains)) {
        throw new IOException("Key file " + file + " has permissions " + PosixFilePermissions.toString(perms)
          + ", so other users of this host may have read it. If they cannot have, run: chmod 600 " + file
          + "; otherwise move it away and configure new keys.");
      }
    }
    String content = Files.readString(file);
    if (content.isBlank()) {
      throw new IOException("Key file " + file + " is empty: move it away and start again to generate a new one");
    }
    return content;
  }
}
