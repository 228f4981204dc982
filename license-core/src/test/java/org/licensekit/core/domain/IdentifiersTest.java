package org.licensekit.core.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.licensekit.core.InvalidInputException;

/** Every id type accepts the host's identifiers and refuses anything else, naming its own field. */
class IdentifiersTest {

  /** An id type: how to make one, and the field its errors must name. */
  record IdType(String field, Function<String, Object> of) {
    @Override
    public String toString() {
      return field;
    }
  }

  private static final List<IdType> ID_TYPES = List.of(
      new IdType("tenantId", TenantId::of),
      new IdType("organizationId", OrganizationId::of),
      new IdType("userId", UserId::of),
      new IdType("productId", ProductId::of),
      new IdType("roleId", RoleId::of),
      new IdType("jobProfileId", JobProfileId::of),
      new IdType("poolId", PoolId::of),
      new IdType("claimId", ClaimId::of),
      new IdType("trainingId", TrainingId::of),
      new IdType("actor.id", value -> Actor.systemAdministrator(value)));

  private static final List<String> VALID = List.of(
      "a", "district-42", "ana.lopez@example.org", "lms:user:1234", "under_score", "x".repeat(128));

  private static final List<String> INVALID = List.of(
      "", " ", "has space", "x".repeat(129), "école", "a/b", "a\nb", "semi;colon", "'quoted'");

  static Stream<Arguments> validValues() {
    return ID_TYPES.stream().flatMap(type -> VALID.stream().map(value -> Arguments.of(type, value)));
  }

  static Stream<Arguments> invalidValues() {
    return ID_TYPES.stream().flatMap(type -> INVALID.stream().map(value -> Arguments.of(type, value)));
  }

  static Stream<IdType> idTypes() {
    return ID_TYPES.stream();
  }

  @ParameterizedTest(name = "{0} ''{1}''")
  @MethodSource("validValues")
  void hostIdentifiersAreAcceptedAsTheyAre(IdType type, String value) {
    Object id = type.of().apply(value);

    assertThat(id).isEqualTo(type.of().apply(value));
    assertThat(id.toString()).contains(value);
  }

  @ParameterizedTest(name = "{0} ''{1}''")
  @MethodSource("invalidValues")
  void invalidIdentifierIsRefusedNamingTheField(IdType type, String value) {
    assertThatThrownBy(() -> type.of().apply(value))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.code()).isEqualTo("INVALID_INPUT");
          assertThat(e.fields()).containsExactly(type.field());
          assertThat(e.errors().get(0).problem()).contains("1 to 128 characters");
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("idTypes")
  void missingIdentifierIsRefusedNamingTheField(IdType type) {
    assertThatThrownBy(() -> type.of().apply(null))
        .isInstanceOfSatisfying(InvalidInputException.class, e -> {
          assertThat(e.fields()).containsExactly(type.field());
          assertThat(e.errors().get(0).problem()).isEqualTo("must not be null");
        });
  }

  @Test
  void longInvalidValueIsAbbreviatedInTheMessage() {
    String huge = "x".repeat(5_000);

    assertThatThrownBy(() -> UserId.of(huge))
        .isInstanceOf(InvalidInputException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }

  @Test
  void idsSortByTheirValue() {
    assertThat(Stream.of(PoolId.of("pool-b"), PoolId.of("pool-a"), PoolId.of("pool-c")).sorted())
        .containsExactly(PoolId.of("pool-a"), PoolId.of("pool-b"), PoolId.of("pool-c"));
  }

  @Test
  void userActorIsTheUserItActsFor() {
    Actor ana = Actor.user(UserId.of("ana"));

    assertThat(ana.kind()).isEqualTo(ActorKind.USER);
    assertThat(ana.userId()).contains(UserId.of("ana"));
    assertThat(Actor.reporter("analyst-3").userId()).isEmpty();
  }

  /** The character-by-character check agrees with the documented pattern on seeded random strings. */
  @Test
  void theCheckAcceptsExactlyWhatThePatternMatches() {
    long seed = System.nanoTime();
    java.util.Random random = new java.util.Random(seed);
    String alphabet = "aZ09._:@-/ ;'\"\n\tçé佐€";
    for (int i = 0; i < 20_000; i++) {
      int length = random.nextInt(10) == 0 ? 120 + random.nextInt(15) : random.nextInt(8);
      StringBuilder value = new StringBuilder();
      for (int j = 0; j < length; j++) {
        value.append(random.nextInt(4) == 0 ? alphabet.charAt(random.nextInt(alphabet.length())) : (char) ('a' + random.nextInt(26)));
      }
      String text = value.toString();
      assertThat(Identifiers.allowed(text)).as("'%s' (seed %d)", text, seed).isEqualTo(Identifiers.ALLOWED.matcher(text).matches());
    }
  }
}
