package org.licensekit.spring.tx;

import org.springframework.boot.test.context.SpringBootTest;

@SpringBootTest(classes = AbstractHostTransactionTest.App.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
    properties = "spring.datasource.url=jdbc:h2:mem:host-tx;DB_CLOSE_DELAY=-1")
class H2HostTransactionTest extends AbstractHostTransactionTest {}
