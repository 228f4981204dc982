package org.licensekit.examples.lms;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The LMS demo: an admin console for a school district's licenses, built on LicenseKit's Spring
 * Boot starter. On first start it seeds a district with schools, about 2,000 users and months of
 * history; then open http://localhost:8080.
 */
@SpringBootApplication
public class LmsDemoApplication {

  /**
   * Starts the demo web app.
   *
   * @param args Spring Boot command-line arguments, for example {@code --server.port=9090}
   */
  public static void main(String[] args) {
    SpringApplication.run(LmsDemoApplication.class, args);
  }
}
