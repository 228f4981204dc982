package org.licensekit.spring.web;

import java.util.Optional;
import org.licensekit.core.Licensing;
import org.licensekit.core.domain.TenantId;
import org.licensekit.spring.AccessCheckListener;
import org.licensekit.spring.LicensekitAutoConfiguration;
import org.licensekit.spring.LicensekitProperties;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The {@link RequiresLicense} guard in a Spring MVC application: the interceptor, and a default
 * {@link LicensingPrincipalResolver} on Spring Security when it is present and the application
 * defines none. Without any resolver every guarded request is denied (403).
 */
@AutoConfiguration(after = LicensekitAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(WebMvcConfigurer.class)
@ConditionalOnBean(Licensing.class)
@ConditionalOnBooleanProperty(name = "licensekit.web.guard-enabled", matchIfMissing = true)
public class LicensekitWebMvcAutoConfiguration {

  /**
   * The guard's interceptor.
   *
   * @param licensing the licensing facade
   * @param resolvers the application's principal resolver, if any
   * @param listeners told of each decision
   * @return the interceptor
   */
  @Bean
  @ConditionalOnMissingBean
  public RequiresLicenseInterceptor requiresLicenseInterceptor(Licensing licensing,
      ObjectProvider<LicensingPrincipalResolver> resolvers, ObjectProvider<AccessCheckListener> listeners) {
    return new RequiresLicenseInterceptor(licensing, request -> resolvers.getIfUnique(() -> r -> Optional.empty()).resolve(request),
        listeners.orderedStream().toList());
  }

  /**
   * Registers the guard's interceptor with Spring MVC.
   *
   * @param interceptor the interceptor
   * @return the configurer
   */
  @Bean
  @ConditionalOnMissingBean(name = "licensekitGuardConfigurer")
  public WebMvcConfigurer licensekitGuardConfigurer(RequiresLicenseInterceptor interceptor) {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(interceptor);
      }
    };
  }

  /** The default resolver on Spring Security. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
  static class SpringSecurityResolverConfiguration {

    @Bean
    @ConditionalOnMissingBean
    LicensingPrincipalResolver licensingPrincipalResolver(LicensekitProperties properties) {
      String tenant = properties.getWeb().getDefaultTenant();
      return new SpringSecurityPrincipalResolver(properties.getWeb().getTenantAuthorityPrefix(),
          tenant == null || tenant.isBlank() ? Optional.empty() : Optional.of(TenantId.of(tenant)));
    }
  }
}
