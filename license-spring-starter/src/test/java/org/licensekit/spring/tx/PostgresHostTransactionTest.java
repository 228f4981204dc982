package org.licensekit.spring.tx;

import org.licensekit.spring.support.EmbeddedPostgresServer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(classes = AbstractHostTransactionTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE)
class PostgresHostTransactionTest extends AbstractHostTransactionTest {

  private static final String URL = EmbeddedPostgresServer.newDatabase();

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    registry.add("spring.datasource.url", () -> URL);
    registry.add("spring.datasource.username", () -> "postgres");
    registry.add("spring.datasource.password", () -> "postgres");
  }
}
