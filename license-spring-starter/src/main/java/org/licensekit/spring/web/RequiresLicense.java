package org.licensekit.spring.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Guards a Spring MVC handler method, or every handler method of a controller, with an access check
 * of one product: the request goes on only when the user the {@link LicensingPrincipalResolver}
 * returns may use the product now. Otherwise it is answered {@code 403} with an RFC 9457
 * {@code application/problem+json} body listing the decision's reason codes and hints. An
 * annotation on the method wins over one on its class.
 *
 * <pre>{@code
 * @GetMapping("/observations")
 * @RequiresLicense("observation")
 * String observations() { ... }
 * }</pre>
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RequiresLicense {

  /**
   * The product's id, as in the catalog.
   *
   * @return the product id
   */
  String value();
}
