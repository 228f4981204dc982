package org.licensekit.spring.validation;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/** Every {@link Duration} of the annotated list is longer than zero and none repeats (null is valid). */
@Documented
@Constraint(validatedBy = PositiveDistinctDurations.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface PositiveDistinctDurations {

  /**
   * The message.
   *
   * @return the message
   */
  String message() default "must all be positive durations, none repeated";

  /**
   * Validation groups.
   *
   * @return the groups
   */
  Class<?>[] groups() default {};

  /**
   * Payload.
   *
   * @return the payload
   */
  Class<? extends Payload>[] payload() default {};

  /** Checks a list of durations. */
  final class Validator implements ConstraintValidator<PositiveDistinctDurations, List<Duration>> {
    @Override
    public boolean isValid(List<Duration> value, ConstraintValidatorContext context) {
      if (value == null) {
        return true;
      }
      return value.stream().allMatch(d -> d != null && !d.isNegative() && !d.isZero())
          && new HashSet<>(value).size() == value.size() && value.stream().noneMatch(Objects::isNull);
    }
  }
}
