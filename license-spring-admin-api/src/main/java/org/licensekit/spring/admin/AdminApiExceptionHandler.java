package org.licensekit.spring.admin;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.licensekit.core.ConflictException;
import org.licensekit.core.ErrorCode;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.LicensingException;
import org.licensekit.core.NotAuthorizedException;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.StoreException;
import org.licensekit.spring.admin.json.FieldErrorJson;
import org.licensekit.spring.admin.json.ProblemJson;
import org.licensekit.spring.web.RequiresLicenseInterceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;

/**
 * Answers every failure of an admin API route with an RFC 9457 problem document carrying the
 * library's error code: bad input 400 with each field, no principal or no right 403, an unknown
 * record 404, a conflict with the state 409, the store unavailable 503. Only the admin API's
 * controllers are advised; the application's own stay as they are.
 */
@RestControllerAdvice(basePackageClasses = AdminApiExceptionHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
final class AdminApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(AdminApiExceptionHandler.class);
  private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

  @ExceptionHandler(UnknownPrincipalException.class)
  ResponseEntity<ProblemJson> unknownPrincipal(UnknownPrincipalException e, HttpServletRequest request) {
    return problem(RequiresLicenseInterceptor.UNKNOWN_PRINCIPAL_TYPE, "No LicenseKit actor for this request", HttpStatus.FORBIDDEN,
        e.getMessage(), request, ErrorCode.NOT_AUTHORIZED.name(),
        "Sign in, or have the application's LicensingPrincipalResolver name the tenant and actor.", List.of());
  }

  @ExceptionHandler(NotAuthorizedException.class)
  ResponseEntity<ProblemJson> notAuthorized(NotAuthorizedException e, HttpServletRequest request) {
    return library(e, HttpStatus.FORBIDDEN, "Not authorized", request, List.of());
  }

  @ExceptionHandler(NotFoundException.class)
  ResponseEntity<ProblemJson> notFound(NotFoundException e, HttpServletRequest request) {
    return library(e, HttpStatus.NOT_FOUND, "Not found", request, List.of());
  }

  @ExceptionHandler(BulkRunNotFoundException.class)
  ResponseEntity<ProblemJson> bulkRunNotFound(BulkRunNotFoundException e, HttpServletRequest request) {
    return problem(type(ErrorCode.NOT_FOUND.name()), "Not found", HttpStatus.NOT_FOUND, e.getMessage(), request,
        ErrorCode.NOT_FOUND.name(), ErrorCode.NOT_FOUND.hint(), List.of());
  }

  @ExceptionHandler(ConflictException.class)
  ResponseEntity<ProblemJson> conflict(ConflictException e, HttpServletRequest request) {
    return library(e, HttpStatus.CONFLICT, "Conflict", request, List.of());
  }

  @ExceptionHandler(InvalidInputException.class)
  ResponseEntity<ProblemJson> invalid(InvalidInputException e, HttpServletRequest request) {
    return library(e, HttpStatus.BAD_REQUEST, "Invalid input", request,
        e.errors().stream().map(f -> new FieldErrorJson(f.field(), f.problem())).toList());
  }

  @ExceptionHandler(StoreException.class)
  ResponseEntity<ProblemJson> store(StoreException e, HttpServletRequest request) {
    log.warn("Admin API request {} failed in the store: {}", request.getRequestURI(), e.getMessage(), e);
    return library(e, HttpStatus.SERVICE_UNAVAILABLE, "Store unavailable", request, List.of());
  }

  @ExceptionHandler(LicensingException.class)
  ResponseEntity<ProblemJson> other(LicensingException e, HttpServletRequest request) {
    HttpStatus status = e.errorCode().map(c -> switch (c.kind()) {
      case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
      case NOT_FOUND -> HttpStatus.NOT_FOUND;
      case NOT_AUTHORIZED -> HttpStatus.FORBIDDEN;
      case CONFLICT, REFUSAL -> HttpStatus.CONFLICT;
      case STORE -> HttpStatus.SERVICE_UNAVAILABLE;
    }).orElse(HttpStatus.INTERNAL_SERVER_ERROR);
    return library(e, status, status.getReasonPhrase(), request, List.of());
  }

  /** {@code @Valid} request bodies and query objects. */
  @ExceptionHandler(BindException.class)
  ResponseEntity<ProblemJson> bind(BindException e, HttpServletRequest request) {
    List<FieldErrorJson> errors = new ArrayList<>();
    Class<?> target = e instanceof MethodArgumentNotValidException invalid ? invalid.getParameter().getParameterType() : null;
    for (FieldError error : e.getBindingResult().getFieldErrors()) {
      errors.add(new FieldErrorJson(error.getField(), message(error, target)));
    }
    e.getBindingResult().getGlobalErrors().forEach(g -> errors.add(new FieldErrorJson(g.getObjectName(), String.valueOf(g.getDefaultMessage()))));
    return invalidInput(request, errors);
  }

  /** Constraints on path variables and request parameters. */
  @ExceptionHandler(HandlerMethodValidationException.class)
  ResponseEntity<ProblemJson> methodValidation(HandlerMethodValidationException e, HttpServletRequest request) {
    List<FieldErrorJson> errors = new ArrayList<>();
    e.getParameterValidationResults().forEach(result -> {
      String name = result.getMethodParameter().getParameterName();
      for (MessageSourceResolvable error : result.getResolvableErrors()) {
        String field = error instanceof FieldError fe ? fe.getField() : name;
        errors.add(new FieldErrorJson(field, String.valueOf(error.getDefaultMessage())));
      }
    });
    return invalidInput(request, errors);
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<ProblemJson> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
    return invalidInput(request, List.of(new FieldErrorJson(e.getName(), mismatch(e.getValue(), e.getRequiredType()))));
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<ProblemJson> missingHeader(MissingRequestHeaderException e, HttpServletRequest request) {
    return invalidInput(request, List.of(new FieldErrorJson(e.getHeaderName(), "must be sent as a request header")));
  }

  @ExceptionHandler(MissingServletRequestParameterException.class)
  ResponseEntity<ProblemJson> missingParameter(MissingServletRequestParameterException e, HttpServletRequest request) {
    return invalidInput(request, List.of(new FieldErrorJson(e.getParameterName(), "must be given")));
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<ProblemJson> unreadable(HttpMessageNotReadableException e, HttpServletRequest request) {
    Throwable cause = e.getCause();
    if (cause instanceof JacksonException jackson && !jackson.getPath().isEmpty()) {
      String field = path(jackson);
      String message;
      if (jackson instanceof InvalidFormatException format) {
        message = mismatch(format.getValue(), format.getTargetType());
      } else if (jackson instanceof MismatchedInputException mismatched && mismatched.getTargetType() != null) {
        message = "must be " + describe(mismatched.getTargetType());
      } else {
        message = "could not be read";
      }
      return invalidInput(request, List.of(new FieldErrorJson(field, message)));
    }
    return invalidInput(request, List.of(new FieldErrorJson("body", "must be a JSON document of the operation's request")));
  }

  private static String path(JacksonException e) {
    StringBuilder out = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        if (!out.isEmpty()) {
          out.append('.');
        }
        out.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        out.append('[').append(ref.getIndex()).append(']');
      }
    }
    return out.isEmpty() ? "body" : out.toString();
  }

  private static String message(FieldError error, Class<?> target) {
    if (error.contains(TypeMismatchException.class)) {
      TypeMismatchException mismatch = error.unwrap(TypeMismatchException.class);
      return mismatch(mismatch.getValue(), elementType(target, error.getField()).orElse(mismatch.getRequiredType()));
    }
    return String.valueOf(error.getDefaultMessage());
  }

  /** For a repeated query parameter bound to a list component of a record: the type of each value. */
  private static Optional<Class<?>> elementType(Class<?> target, String field) {
    if (target == null || !target.isRecord()) {
      return Optional.empty();
    }
    return Arrays.stream(target.getRecordComponents()).filter(c -> c.getName().equals(field))
        .map(RecordComponent::getGenericType)
        .filter(t -> t instanceof ParameterizedType p && p.getRawType() == List.class && p.getActualTypeArguments()[0] instanceof Class<?>)
        .<Class<?>>map(t -> (Class<?>) ((ParameterizedType) t).getActualTypeArguments()[0])
        .findFirst();
  }

  private static String mismatch(Object value, Class<?> type) {
    String text = value instanceof Object[] values
        ? Arrays.stream(values).map(String::valueOf).collect(Collectors.joining(",")) : String.valueOf(value);
    return "has an invalid value '" + abbreviate(text) + "': must be " + describe(type);
  }

  private static String describe(Class<?> type) {
    if (type == null) {
      return "of another type";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
    }
    return switch (type.getSimpleName()) {
      case "Instant" -> "an ISO-8601 instant such as 2026-09-01T00:00:00Z";
      case "LocalDate" -> "an ISO-8601 date such as 2027-06-30";
      case "Integer", "int", "Long", "long" -> "a whole number";
      case "Boolean", "boolean" -> "true or false";
      case "String" -> "a string";
      case "List" -> "a list";
      default -> "a " + type.getSimpleName().toLowerCase(Locale.ROOT);
    };
  }

  private static String abbreviate(String value) {
    return value.length() <= 40 ? value : value.substring(0, 40) + "…";
  }

  private ResponseEntity<ProblemJson> invalidInput(HttpServletRequest request, List<FieldErrorJson> errors) {
    String detail = "Invalid input: " + errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
    return problem(type(ErrorCode.INVALID_INPUT.name()), "Invalid input", HttpStatus.BAD_REQUEST, detail, request,
        ErrorCode.INVALID_INPUT.name(), ErrorCode.INVALID_INPUT.hint(), errors);
  }

  private ResponseEntity<ProblemJson> library(LicensingException e, HttpStatus status, String title, HttpServletRequest request,
      List<FieldErrorJson> errors) {
    log.debug("Admin API request {} refused: {} {}", request.getRequestURI(), e.code(), e.getMessage());
    return problem(type(e.code()), title, status, e.getMessage(), request, e.code(),
        e.errorCode().map(ErrorCode::hint).orElse(null), errors);
  }

  static String type(String code) {
    return "urn:licensekit:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static ResponseEntity<ProblemJson> problem(String type, String title, HttpStatus status, String detail,
      HttpServletRequest request, String code, String hint, List<FieldErrorJson> errors) {
    return ResponseEntity.status(status).contentType(PROBLEM)
        .body(new ProblemJson(type, title, status.value(), detail, request.getRequestURI(), code, hint, errors));
  }
}
