package org.licensekit.examples.lms;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Starts the demo as the README's first command does (a JVM of its own running
 * {@link LmsDemoApplication} with the default configuration: an H2 file database under
 * {@code licensekit.demo.dir}, seeded with 2,000 users on first start) and checks that the License
 * Dashboard answers; then starts it a second time on the same files, which must not seed again.
 */
class FirstCommandTest {

  private static final Duration START_LIMIT = Duration.ofMinutes(8);

  @TempDir
  Path directory;

  @Test
  void theDemoStartsSeedsAndServesTheDashboardThenRestartsOnItsData() throws Exception {
    Started first = start("first");
    assertThat(first.dashboard).contains("License Dashboard", "Seats per product", "Classroom Observation");
    assertThat(first.log).contains("Seeded tenant riverside-usd with 2000 users");
    System.out.println("LMS demo: first start (seeding 2,000 users) answered after " + first.millis + " ms");

    Started second = start("second");
    assertThat(second.log).contains("Demo data found in tenant riverside-usd; not seeding.").doesNotContain("Seeded tenant");
    assertThat(second.dashboard).contains("License Dashboard");
  }

  private record Started(String dashboard, String log, long millis) {}

  private Started start(String name) throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Path log = directory.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        "-Dlicensekit.demo.dir=" + directory.resolve("db").toAbsolutePath(),
        LmsDemoApplication.class.getName(),
        "--server.port=" + port,
        // The test classpath holds logback-test.xml (warnings only); the seeding's INFO line is checked.
        "--logging.level.org.licensekit.examples.lms=INFO"));
    long started = System.nanoTime();
    Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      long deadline = System.nanoTime() + START_LIMIT.toNanos();
      while (System.nanoTime() < deadline) {
        assertThat(process.isAlive()).as("the demo exited early; its log:%n%s", read(log)).isTrue();
        try {
          HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/"))
              .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
          if (response.statusCode() == 200) {
            return new Started(response.body(), read(log), Duration.ofNanos(System.nanoTime() - started).toMillis());
          }
        } catch (IOException notYet) {
          Thread.sleep(500);
        }
      }
      throw new AssertionError("the dashboard did not answer within " + START_LIMIT + "; the log:\n" + read(log));
    } finally {
      process.destroy();
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log) : "";
  }
}
