package org.licensekit.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.licensekit.core.InvalidInputException;
import org.licensekit.core.Licensing;
import org.licensekit.core.NotFoundException;
import org.licensekit.core.api.AccessDecision;
import org.licensekit.core.domain.ProductId;
import org.licensekit.spring.AccessCheckListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Enforces {@link RequiresLicense}: checks the product for the request's principal before the
 * handler runs, and answers a denial with a {@code 403} problem document. A request whose tenant or
 * user LicenseKit does not know is denied the same way, never failed.
 */
public final class RequiresLicenseInterceptor implements HandlerInterceptor {

  /** The request attribute holding the {@link AccessDecision} of an allowed request. */
  public static final String DECISION_ATTRIBUTE = RequiresLicenseInterceptor.class.getName() + ".decision";

  /** The problem type of a denied access check. */
  public static final String ACCESS_DENIED_TYPE = "urn:licensekit:problem:access-denied";

  /** The problem type of a request nobody could be resolved for. */
  public static final String UNKNOWN_PRINCIPAL_TYPE = "urn:licensekit:problem:unknown-principal";

  private static final Logger log = LoggerFactory.getLogger(RequiresLicenseInterceptor.class);

  private final Licensing licensing;
  private final LicensingPrincipalResolver resolver;
  private final List<AccessCheckListener> listeners;

  /**
   * An interceptor checking access through {@code licensing}.
   *
   * @param licensing the licensing facade
   * @param resolver says who each request is for
   */
  public RequiresLicenseInterceptor(Licensing licensing, LicensingPrincipalResolver resolver) {
    this(licensing, resolver, List.of());
  }

  /**
   * An interceptor checking access through {@code licensing} and telling {@code listeners} of each decision.
   *
   * @param licensing the licensing facade
   * @param resolver says who each request is for
   * @param listeners told of every decision, in order
   */
  public RequiresLicenseInterceptor(Licensing licensing, LicensingPrincipalResolver resolver, List<AccessCheckListener> listeners) {
    this.licensing = Objects.requireNonNull(licensing, "licensing");
    this.resolver = Objects.requireNonNull(resolver, "resolver");
    this.listeners = List.copyOf(listeners);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) throws IOException {
    if (!(handler instanceof HandlerMethod method)) {
      return true;
    }
    RequiresLicense required = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), RequiresLicense.class);
    if (required == null) {
      required = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), RequiresLicense.class);
    }
    if (required == null) {
      return true;
    }
    Optional<LicensingPrincipal> principal;
    try {
      principal = resolver.resolve(request);
    } catch (InvalidInputException e) {
      // e.g. a sign-in name that is no valid LicenseKit user id: nobody LicenseKit can know
      log.debug("No LicenseKit principal for {}: {}", request.getRequestURI(), e.getMessage());
      principal = Optional.empty();
    }
    if (principal.isEmpty()) {
      deny(request, response, UNKNOWN_PRINCIPAL_TYPE, "No LicenseKit user for this request",
          "The request could not be matched to a LicenseKit tenant and user.", required.value(), null,
          List.of(reason("UNKNOWN_PRINCIPAL", "no tenant and user resolved",
              "Sign in, or have the application's LicensingPrincipalResolver name the tenant and user.")));
      return false;
    }
    LicensingPrincipal who = principal.get();
    AccessDecision decision;
    try {
      decision = licensing.tenant(who.tenant()).access().check(who.user(), ProductId.of(required.value()));
    } catch (NotFoundException | InvalidInputException e) {
      log.debug("Access check for {} refused: {}", who, e.getMessage());
      deny(request, response, ACCESS_DENIED_TYPE, "License required", e.getMessage(), required.value(), who,
          List.of(reason(e.code(), e.getMessage(), "Check the tenant, user and product ids the application passes.")));
      return false;
    }
    for (AccessCheckListener listener : listeners) {
      listener.checked(who.tenant(), decision);
    }
    if (decision.allowed()) {
      request.setAttribute(DECISION_ATTRIBUTE, decision);
      return true;
    }
    deny(request, response, ACCESS_DENIED_TYPE, "License required",
        "User " + who.user().value() + " may not use product " + required.value() + " now: "
            + String.join(", ", decision.reasonCodes().stream().map(Enum::name).toList()) + ".",
        required.value(), who,
        decision.reasons().stream().map(r -> reason(r.code(), r.detail(), r.hint())).toList());
    return false;
  }

  private static Map<String, String> reason(String code, String detail, String hint) {
    Map<String, String> reason = new LinkedHashMap<>();
    reason.put("code", code);
    reason.put("detail", detail);
    reason.put("hint", hint);
    return reason;
  }

  private static void deny(HttpServletRequest request, HttpServletResponse response, String type, String title,
      String detail, String product, LicensingPrincipal who, List<Map<String, String>> reasons) throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", type);
    problem.put("title", title);
    problem.put("status", HttpServletResponse.SC_FORBIDDEN);
    problem.put("detail", detail);
    problem.put("instance", request.getRequestURI());
    problem.put("product", product);
    if (who != null) {
      problem.put("tenant", who.tenant().value());
      problem.put("user", who.user().value());
    }
    problem.put("reasons", reasons);
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType(ProblemJson.MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    response.getWriter().write(ProblemJson.write(problem));
    response.getWriter().flush();
  }
}
