package org.licensekit.examples.lms.web;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.licensekit.core.ActorSession;
import org.licensekit.core.LicensingException;
import org.licensekit.core.api.BulkListener;
import org.licensekit.core.api.BulkRequest;
import org.licensekit.core.api.BulkResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/** Bulk actions running in the background, so the page can show their progress while they run. */
@Component
public class BulkJobs implements DisposableBean {

  private static final Logger LOG = LoggerFactory.getLogger(BulkJobs.class);

  private final ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "bulk-actions");
    thread.setDaemon(true);
    return thread;
  });
  private final Map<String, Job> jobs = new ConcurrentHashMap<>();

  /** One bulk action: its progress while it runs, then its result or the error that stopped it. */
  public static final class Job {
    private final String id;
    private final String description;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong total = new AtomicLong(-1);
    private volatile Optional<BulkResult> result = Optional.empty();
    private volatile Optional<String> error = Optional.empty();

    Job(String id, String description) {
      this.id = id;
      this.description = description;
    }

    public String id() {
      return id;
    }

    public String description() {
      return description;
    }

    public long done() {
      return done.get();
    }

    /** How many users the action selected; -1 until it has counted them. */
    public long total() {
      return total.get();
    }

    public Optional<BulkResult> result() {
      return result;
    }

    public Optional<String> error() {
      return error;
    }

    public boolean finished() {
      return result.isPresent() || error.isPresent();
    }
  }

  /** Starts {@code request} as {@code session}'s actor and returns its job at once. */
  public Job start(ActorSession session, BulkRequest request, String description) {
    Job job = new Job(UUID.randomUUID().toString(), description);
    jobs.put(job.id, job);
    executor.execute(() -> {
      try {
        job.result = Optional.of(session.bulk().run(request, new BulkListener() {
          @Override
          public void progress(long done, long total) {
            job.total.set(total);
            job.done.set(done);
          }
        }));
      } catch (LicensingException e) {
        job.error = Optional.of(e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("bulk action {} failed", job.id, e);
        job.error = Optional.of("The bulk action failed: " + e.getMessage());
      }
    });
    return job;
  }

  /** The job with {@code id}, if this app started it. */
  public Optional<Job> find(String id) {
    return Optional.ofNullable(jobs.get(id));
  }

  @Override
  public void destroy() {
    executor.shutdownNow();
  }
}
