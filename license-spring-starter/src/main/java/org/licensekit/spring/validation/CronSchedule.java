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
import org.springframework.scheduling.support.CronExpression;

/** The annotated string is a Spring cron expression (six fields), or null. */
@Documented
@Constraint(validatedBy = CronSchedule.Validator.class)
@Target({ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER})
@Retention(RetentionPolicy.RUNTIME)
public @interface CronSchedule {

  /**
   * The message.
   *
   * @return the message
   */
  String message() default "must be a Spring cron expression of six fields: second minute hour day-of-month month day-of-week";

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

  /** Checks a cron expression. */
  final class Validator implements ConstraintValidator<CronSchedule, String> {
    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
      return value == null || CronExpression.isValidExpression(value);
    }
  }
}
