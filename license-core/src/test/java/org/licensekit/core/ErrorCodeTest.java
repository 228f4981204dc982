package org.licensekit.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AssignmentRefusal;
import org.licensekit.core.policy.AccountLifecycle;
import org.licensekit.core.policy.Authorization;
import org.licensekit.core.policy.ClaimLifecycle;

class ErrorCodeTest {

  /** A code written out in core's sources: thrown, passed to a refusal, or kept in a constant. */
  private static final Pattern CODE_IN_SOURCE = Pattern.compile(
      "(?:Exception\\(|super\\(|refused\\([^,]+, |static final String \\w+ = )\"([A-Z][A-Z_]{3,})\"");

  @Test
  void everyCodeCoreThrowsOrReturnsIsCatalogued() throws IOException {
    Set<String> written = new TreeSet<>();
    try (Stream<Path> sources = Files.walk(Path.of("src/main/java"))) {
      sources.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
        Matcher m = CODE_IN_SOURCE.matcher(read(p));
        while (m.find()) {
          written.add(m.group(1));
        }
      });
    }

    assertThat(written).as("codes found in the sources").contains("INVALID_INPUT", "NO_POOL");
    assertThat(written).allSatisfy(code -> assertThat(ErrorCode.find(code)).as(code).isPresent());
  }

  @Test
  void thePublicCodeConstantsAreCatalogued() {
    Stream.of(ClaimLifecycle.ILLEGAL_TRANSITION, AccountLifecycle.ILLEGAL_STATUS_CHANGE, AccountLifecycle.USER_ARCHIVED,
            AccountLifecycle.USER_SUSPENDED, AssignmentRefusal.NO_POOL, AssignmentRefusal.NO_SEAT_AVAILABLE,
            Authorization.NOT_AUTHORIZED)
        .forEach(code -> assertThat(ErrorCode.find(code)).as(code).isPresent());
  }

  @Test
  void everyEntrySaysWhatItMeansAndWhatToDo() {
    assertThat(ErrorCode.values()).allSatisfy(code -> {
      assertThat(code.meaning()).as(code.name()).isNotBlank().endsWith(".");
      assertThat(code.hint()).as(code.name()).isNotBlank().endsWith(".");
    });
  }

  @Test
  void anExceptionLooksItsCodeUpAndAnUnknownCodeFindsNothing() {
    assertThat(new ConflictException(ErrorCode.NOT_A_MEMBER, "not a member").errorCode()).contains(ErrorCode.NOT_A_MEMBER);
    assertThat(InvalidInputException.of("name", "must not be blank").errorCode()).contains(ErrorCode.INVALID_INPUT);
    assertThat(new ConflictException("SOMETHING_ELSE", "an adapter's own").errorCode()).isEmpty();
    assertThat(ErrorCode.find("no such code")).isEmpty();
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
