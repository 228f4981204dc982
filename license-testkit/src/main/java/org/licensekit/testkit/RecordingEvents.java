package org.licensekit.testkit;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.licensekit.core.domain.ChangeType;
import org.licensekit.core.domain.LicenseEvent;
import org.licensekit.core.spi.EventPublisher;

/** Keeps every event published, for assertions. Thread-safe. */
public final class RecordingEvents implements EventPublisher {

  private final List<LicenseEvent> published = new CopyOnWriteArrayList<>();

  @Override
  public void publish(LicenseEvent event) {
    published.add(event);
  }

  public List<LicenseEvent> published() {
    return ImmutableList.copyOf(published);
  }

  public List<LicenseEvent> published(ChangeType type) {
    return published.stream().filter(e -> e.type() == type).collect(ImmutableList.toImmutableList());
  }

  public void clear() {
    published.clear();
  }
}
