package org.licensekit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.licensekit.core.api.AuditQuery;
import org.licensekit.core.api.ImmutableNewPool;
import org.licensekit.core.api.NewPool;
import org.licensekit.core.api.NewUser;
import org.licensekit.core.api.UserUpdate;
import org.licensekit.core.domain.Product;
import org.licensekit.core.domain.ProductId;
import org.licensekit.core.domain.ProductType;
import org.licensekit.core.domain.Term;
import org.licensekit.core.domain.UserId;

/**
 * Field names in validation errors are the command's own words ("name", "seats"), never the
 * validator's path noise such as {@code <return value>} or {@code <optional element>}.
 */
class InputValidatorTest {

  private static final InputValidator VALIDATOR = InputValidator.create();
  private static final UserId ANA = UserId.of("ana");
  private static final Term SCHOOL_YEAR =
      Term.of(Instant.parse("2026-08-01T00:00:00Z"), Instant.parse("2027-07-31T00:00:00Z"));

  @Test
  void wellFormedCommandsPass() {
    assertThatCode(() -> {
      VALIDATOR.validate(NewUser.builder().id(ANA).name("Ana Lopez").email("ana@example.org").build());
      VALIDATOR.validate(pool().reference("PO-2026-17").build());
      VALIDATOR.validate(UserUpdate.builder().id(ANA).name("Ana María Lopez").email("ana.m@example.org").build());
      VALIDATOR.validate(UserUpdate.builder().id(ANA).build());
      VALIDATOR.validate(AuditQuery.all());
    }).doesNotThrowAnyException();
  }

  @Test
  void newUserWithBlankNameAndMalformedEmailNamesBothFields() {
    InvalidInputException e = refused(NewUser.builder().id(ANA).name(" ").email("nope").build());

    assertThat(e.fields()).containsExactly("email", "name");
    assertThat(e.errors()).extracting(FieldError::problem)
        .containsExactly("must be a well-formed email address", "must not be blank");
  }

  @Test
  void newUserWithOverlongNameNamesTheFieldAndTheLimit() {
    InvalidInputException e = refused(NewUser.builder().id(ANA).name("n".repeat(201)).email("ana@example.org").build());

    assertThat(e.errors()).containsExactly(new FieldError("name", "size must be between 0 and 200"));
  }

  @Test
  void newPoolWithoutSeatsNamesSeats() {
    assertThat(refused(pool().seats(0).build()).errors())
        .containsExactly(new FieldError("seats", "must be greater than 0"));
    assertThat(refused(pool().seats(10_000_001).build()).errors())
        .containsExactly(new FieldError("seats", "must be less than or equal to 10000000"));
  }

  @Test
  void newPoolWithAnEmptyReferenceNamesReference() {
    assertThat(refused(pool().reference("").build()).errors())
        .containsExactly(new FieldError("reference", "size must be between 1 and 200"));
  }

  @Test
  void userUpdateWithEmptyNameAndMalformedEmailNamesBothFields() {
    InvalidInputException e = refused(UserUpdate.builder().id(ANA).name("").email("x").build());

    assertThat(e.fields()).containsOnly("email", "name");
    assertThat(e.errors()).contains(
        new FieldError("name", "must not be blank"),
        new FieldError("email", "must be a well-formed email address"));
  }

  @Test
  void auditQueryLimitMustBePositiveAndItsCursorNotBlankWhenBuilt() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> AuditQuery.builder().limit(0).cursor(" ").build());

    assertThat(e.fields()).containsExactly("cursor", "limit");
  }

  @Test
  void productWithBlankNameNamesName() {
    Product blank = Product.builder().id(ProductId.of("observation")).name("").type(ProductType.OBSERVATION_TOOL).build();

    assertThat(refused(blank).fields()).containsExactly("name");
  }

  @Test
  void everyProblemOfACommandIsReportedAtOnceAndEachOnlyOnce() {
    InvalidInputException e = refused(NewUser.builder().id(ANA).name("").email("not-an-email").build());

    assertThat(e.errors()).doesNotHaveDuplicates().hasSize(2);
    assertThat(e.fields()).allSatisfy(field -> assertThat(field).doesNotContain("<", ">", "[", "."));
    assertThat(e.getMessage()).contains("email: ", "name: ");
  }

  private static ImmutableNewPool.Builder pool() {
    return NewPool.builder().product(ProductId.of("observation")).seats(500).term(SCHOOL_YEAR);
  }

  private static InvalidInputException refused(Object command) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class, () -> VALIDATOR.validate(command));
    assertThat(e).as("%s is refused", command).isNotNull();
    return e;
  }
}
