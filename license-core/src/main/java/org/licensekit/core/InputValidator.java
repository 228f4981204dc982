package org.licensekit.core;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.MessageInterpolator;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.executable.ExecutableValidator;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The one validation path for input: validates commands and queries with Jakarta Validation
 * (Hibernate Validator at runtime) and turns violations, together with any cross-field problems the
 * value reports, into one {@link InvalidInputException} naming every bad field. Use cases validate
 * commands as they run them; query values validate themselves as they are built (an Immutables
 * {@code @Value.Check} calling {@link #validate(Object, Collection)}). Messages are interpolated from
 * the constraint's attributes and the refused value ({@code {validatedValue}}) only, so no
 * Expression Language implementation is needed on the classpath.
 */
public final class InputValidator {

  private final Validator validator;

  private InputValidator(Validator validator) {
    this.validator = validator;
  }

  /**
   * The validator, shared by every {@link org.licensekit.core.Licensing}: a validator factory is
   * costly to build (its constraint metadata is computed per factory) and is never closed, while the
   * validator it makes is thread-safe.
   */
  public static InputValidator create() {
    return Shared.INSTANCE;
  }

  /** Built on first use. */
  private static final class Shared {
    static final InputValidator INSTANCE = new InputValidator(Validation.byDefaultProvider()
        .configure()
        .messageInterpolator(new AttributeInterpolator())
        .buildValidatorFactory()
        .getValidator());
  }

  /**
   * Refuses {@code input} when any constraint fails, naming every bad field.
   *
   * @throws InvalidInputException naming each bad field
   */
  public void validate(Object input) {
    validate(input, List.of());
  }

  /**
   * Refuses {@code input} when any constraint fails or {@code crossFieldProblems} (rules that relate
   * two fields, such as a range's ends, which annotations cannot say) is not empty, naming every bad
   * field at once, sorted by field.
   *
   * @throws InvalidInputException naming each bad field
   */
  public void validate(Object input, Collection<FieldError> crossFieldProblems) {
    Set<ConstraintViolation<Object>> violations = new LinkedHashSet<>(validator.validate(input));
    violations.addAll(accessorViolations(input));
    if (!violations.isEmpty() || !crossFieldProblems.isEmpty()) {
      List<FieldError> errors = Stream.concat(
              violations.stream().map(v -> new FieldError(path(v), v.getMessage())), crossFieldProblems.stream())
          .distinct()
          .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::problem))
          .collect(Collectors.toList());
      throw new InvalidInputException(errors);
    }
  }

  /**
   * Our commands are Immutables interfaces whose accessors ({@code name()}, not {@code getName()})
   * carry the constraints. Bean validation sees only JavaBeans getters as properties and silently
   * ignores constraints on other methods, so the accessors' values are checked as return values:
   * every abstract accessor, and every default one that carries an annotation (such as a
   * {@code @Value.Default} with a constraint); helpers like {@code toBuilder()} are not called.
   */
  private Set<ConstraintViolation<Object>> accessorViolations(Object input) {
    ExecutableValidator executables = validator.forExecutables();
    Set<ConstraintViolation<Object>> violations = new LinkedHashSet<>();
    for (Class<?> type : input.getClass().getInterfaces()) {
      for (Method declared : type.getMethods()) {
        if (isAccessor(declared)) {
          violations.addAll(executables.validateReturnValue(input, declared, invoke(declared, input)));
        }
      }
    }
    return violations;
  }

  private static boolean isAccessor(Method method) {
    return !Modifier.isStatic(method.getModifiers())
        && method.getParameterCount() == 0
        && method.getReturnType() != void.class
        && method.getDeclaringClass() != Object.class
        && (!method.isDefault() || method.getAnnotations().length > 0);
  }

  private static Object invoke(Method accessor, Object input) {
    try {
      return accessor.invoke(input);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + accessor.getName() + " of " + input.getClass().getName(), e);
    }
  }

  private static String path(ConstraintViolation<?> violation) {
    // Optional<@Size String> yields paths like "name.<optional element>"; keep the field name only.
    String path = violation.getPropertyPath().toString();
    return path.replaceAll("\\.?<[^>]*>", "").replaceAll("\\[\\]$", "");
  }

  /**
   * Replaces {@code {attribute}} by the constraint's attribute values and {@code {validatedValue}} by
   * the refused value; default messages read well.
   */
  private static final class AttributeInterpolator implements MessageInterpolator {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z0-9_.]+)}");
    private static final Map<String, String> DEFAULTS = Map.ofEntries(
        Map.entry("jakarta.validation.constraints.NotBlank.message", "must not be blank"),
        Map.entry("jakarta.validation.constraints.NotNull.message", "must not be null"),
        Map.entry("jakarta.validation.constraints.NotEmpty.message", "must not be empty"),
        Map.entry("jakarta.validation.constraints.Email.message", "must be a well-formed email address"),
        Map.entry("jakarta.validation.constraints.Size.message", "size must be between {min} and {max}"),
        Map.entry("jakarta.validation.constraints.Positive.message", "must be greater than 0"),
        Map.entry("jakarta.validation.constraints.PositiveOrZero.message", "must be greater than or equal to 0"),
        Map.entry("jakarta.validation.constraints.Max.message", "must be less than or equal to {value}"),
        Map.entry("jakarta.validation.constraints.Min.message", "must be greater than or equal to {value}"),
        Map.entry("jakarta.validation.constraints.Pattern.message", "must match \"{regexp}\""));

    @Override
    public String interpolate(String template, Context context) {
      return interpolate(template, context, Locale.ROOT);
    }

    @Override
    public String interpolate(String template, Context context, Locale locale) {
      String resolved = template;
      Matcher whole = PLACEHOLDER.matcher(template);
      if (whole.matches() && DEFAULTS.containsKey(whole.group(1))) {
        resolved = DEFAULTS.get(whole.group(1));
      }
      Map<String, Object> attributes = context.getConstraintDescriptor().getAttributes();
      Matcher m = PLACEHOLDER.matcher(resolved);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        Object value = m.group(1).equals("validatedValue") ? context.getValidatedValue() : attributes.get(m.group(1));
        m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : String.valueOf(value)));
      }
      m.appendTail(out);
      return out.toString();
    }
  }
}
